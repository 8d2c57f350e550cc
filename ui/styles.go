package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"dispatch/internal/termout"
)

// Styles is every style the reader draws with, built once for one terminal.
type Styles struct {
	Renderer *lipgloss.Renderer
	Profile  termenv.Profile // termenv.Ascii: no colour (NO_COLOR, --no-color)
	Dark     bool

	HeaderBar   lipgloss.Style
	HeaderTitle lipgloss.Style
	HeaderInfo  lipgloss.Style
	FooterBar   lipgloss.Style
	FooterStat  lipgloss.Style
	Help        help.Styles

	PaneBorder lipgloss.Style

	ListCursor   lipgloss.Style
	ListTitle    lipgloss.Style
	ListUnread   lipgloss.Style // titles not read yet
	ListSelected lipgloss.Style
	UnreadDot    lipgloss.Style
	NewMark      lipgloss.Style // what the last fetch brought
	Bookmark     lipgloss.Style
	Continue     lipgloss.Style
	ListMeta     lipgloss.Style
	ListEmpty    lipgloss.Style
	ListSnippet  lipgloss.Style
	ListMatch    lipgloss.Style // matched words in list snippets

	DocTitle lipgloss.Style
	DocDek   lipgloss.Style
	DocMeta  lipgloss.Style
	DocRule  lipgloss.Style

	Overlay      lipgloss.Style
	OverlayTitle lipgloss.Style
	OverlayKey   lipgloss.Style
	OverlayDesc  lipgloss.Style

	Warning lipgloss.Style
	Prompt  lipgloss.Style // a prompt in the header

	// Raw SGR sequences that mark search matches inside glamour's output,
	// where lipgloss cannot be applied: every match, and the current one.
	MatchOn, MatchOff     string
	CurrentOn, CurrentOff string
}

// colour reports whether the styles use colour; without it they use
// attributes alone (bold, underline, reverse video), which NO_COLOR allows.
func (s Styles) colour() bool { return s.Profile != termenv.Ascii }

// outputMode is what the output wall lets through for these styles:
// attributes alone without colour, else colours too.
func (s Styles) outputMode() termout.Mode {
	if !s.colour() {
		return termout.Attributes
	}
	return termout.Styled
}

// background is the terminal background colours are checked against.
func (s Styles) background() string {
	if s.Dark {
		return darkBackground
	}
	return lightBackground
}

// topic is the style of a topic of the given colour: the colour made
// readable on this background, or bold when there is no colour.
func (s Styles) topic(hex string) lipgloss.Style {
	if !s.colour() {
		return s.Renderer.NewStyle()
	}
	return s.Renderer.NewStyle().Foreground(lipgloss.Color(readable(hex, s.background())))
}

// palette is the colours of one background, each readable on it.
type palette struct {
	accent, muted, text, barBg, warn, bookmark, unread, new string
}

var (
	darkPalette  = palette{accent: "#A898FF", muted: "#A0A0A0", text: "#E4E4E4", barBg: "#2B2840", warn: "#FF8A80", bookmark: "#F2C94C", unread: "#A898FF", new: "#7FD88F"}
	lightPalette = palette{accent: "#4B40C0", muted: "#5F5F5F", text: "#1A1A1A", barBg: "#E6E3FA", warn: "#B3261E", bookmark: "#8A5A00", unread: "#4B40C0", new: "#1E7B34"}
)

// Colours are colours chosen for the reader (the configuration's
// colors:), "#RRGGBB" each; "" keeps the default. Each is made as much
// lighter or darker as it takes to be read on the terminal's background,
// so one choice serves dark and light terminals alike.
type Colours struct {
	Accent, Text, Muted, Unread, New, Bookmark, Warning string
}

// DefaultColours are the colours drawn on a dark or a light background
// when none are chosen.
func DefaultColours(dark bool) Colours {
	p := lightPalette
	if dark {
		p = darkPalette
	}
	return Colours{Accent: p.accent, Text: p.text, Muted: p.muted, Unread: p.unread, New: p.new, Bookmark: p.bookmark, Warning: p.warn}
}

// with is p with the colours chosen in c, each made readable on bg.
func (p palette) with(c Colours, bg string) palette {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = readable(v, bg)
		}
	}
	set(&p.accent, c.Accent)
	set(&p.text, c.Text)
	set(&p.muted, c.Muted)
	set(&p.unread, c.Unread)
	set(&p.new, c.New)
	set(&p.bookmark, c.Bookmark)
	set(&p.warn, c.Warning)
	return p
}

// DefaultStyles builds the styles for a terminal with the given colour
// profile and background. With the Ascii profile nothing is coloured, but
// attributes still mark what needs marking: the cursor, unread titles,
// search matches.
func DefaultStyles(r *lipgloss.Renderer, profile termenv.Profile, dark bool) Styles {
	return StylesWith(r, profile, dark, Colours{})
}

// StylesWith is DefaultStyles with the colours chosen in c. Without colour
// (the Ascii profile: NO_COLOR, --no-color) they are not used.
func StylesWith(r *lipgloss.Renderer, profile termenv.Profile, dark bool, c Colours) Styles {
	s := Styles{Renderer: r, Profile: profile, Dark: dark}
	if profile == termenv.Ascii {
		r.SetColorProfile(termenv.ANSI) // attributes only: no style below sets a colour
	} else {
		r.SetColorProfile(profile)
	}
	r.SetHasDarkBackground(dark)
	p := lightPalette
	if dark {
		p = darkPalette
	}
	p = p.with(c, s.background())
	fg := func(st lipgloss.Style, c string) lipgloss.Style {
		if !s.colour() {
			return st
		}
		return st.Foreground(lipgloss.Color(c))
	}
	bg := func(st lipgloss.Style, c string) lipgloss.Style {
		if !s.colour() {
			return st
		}
		return st.Background(lipgloss.Color(c))
	}
	n := r.NewStyle
	s.HeaderBar = bg(fg(n(), p.text), p.barBg).Reverse(!s.colour())
	s.HeaderTitle = bg(fg(n(), p.accent), p.barBg).Bold(true).Reverse(!s.colour())
	s.HeaderInfo = bg(fg(n(), p.muted), p.barBg).Reverse(!s.colour())
	s.FooterBar = fg(n(), p.muted)
	s.FooterStat = fg(n(), p.accent)
	s.Help = help.Styles{
		ShortKey:       fg(n(), p.text).Bold(!s.colour()),
		ShortDesc:      fg(n(), p.muted),
		ShortSeparator: fg(n(), p.muted),
		Ellipsis:       fg(n(), p.muted),
		FullKey:        fg(n(), p.text),
		FullDesc:       fg(n(), p.muted),
		FullSeparator:  fg(n(), p.muted),
	}
	s.PaneBorder = fg(n(), p.muted)

	s.ListCursor = fg(n(), p.accent).Bold(true)
	s.ListTitle = fg(n(), p.text)
	s.ListSelected = fg(n(), p.accent).Bold(true).Underline(!s.colour())
	s.ListUnread = fg(n(), p.text).Bold(true)
	s.UnreadDot = fg(n(), p.unread)
	s.NewMark = fg(n(), p.new).Bold(!s.colour())
	s.Bookmark = fg(n(), p.bookmark)
	s.Continue = fg(n(), p.accent)
	s.ListMeta = fg(n(), p.muted)
	s.ListEmpty = fg(n(), p.muted).Italic(true)
	s.ListSnippet = fg(n(), p.muted)
	s.ListMatch = fg(n(), p.text).Bold(true).Underline(!s.colour())

	s.DocTitle = fg(n(), p.accent).Bold(true)
	s.DocDek = fg(n(), p.text).Italic(true)
	s.DocMeta = fg(n(), p.muted)
	s.DocRule = fg(n(), p.muted)

	s.Overlay = n().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if s.colour() {
		s.Overlay = s.Overlay.BorderForeground(lipgloss.Color(p.accent))
	}
	s.OverlayTitle = fg(n(), p.accent).Bold(true)
	s.OverlayKey = fg(n(), p.text).Bold(true)
	s.OverlayDesc = fg(n(), p.muted)

	s.Warning = fg(n(), p.warn).Bold(!s.colour())
	s.Prompt = bg(fg(n(), p.text), p.barBg).Reverse(!s.colour())
	s.MatchOn, s.MatchOff, s.CurrentOn, s.CurrentOff = matchSequences(s)
	return s
}

// matchSequences returns the SGR sequences for search matches. Without
// colour they are underline and reverse video: attributes, not colours, so
// matches stay visible under NO_COLOR.
func matchSequences(s Styles) (on, off, currentOn, currentOff string) {
	currentOn, currentOff = termenv.CSI+termenv.ReverseSeq+"m", termenv.CSI+"27m"
	if !s.colour() {
		return termenv.CSI + termenv.UnderlineSeq + "m", termenv.CSI + "24m", currentOn, currentOff
	}
	bg := "#FFF0A0"
	if s.Dark {
		bg = "#6B5A00"
	}
	return termenv.CSI + s.Profile.Color(bg).Sequence(true) + "m", termenv.CSI + "49m", currentOn, currentOff
}
