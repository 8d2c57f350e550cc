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
	Profile  termenv.Profile
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
	Bookmark     lipgloss.Style
	Continue     lipgloss.Style
	ListMeta     lipgloss.Style
	ListEmpty    lipgloss.Style

	DocTitle lipgloss.Style
	DocDek   lipgloss.Style
	DocMeta  lipgloss.Style
	DocRule  lipgloss.Style

	Overlay      lipgloss.Style
	OverlayTitle lipgloss.Style
	OverlayKey   lipgloss.Style
	OverlayDesc  lipgloss.Style

	Warning lipgloss.Style

	Prompt      lipgloss.Style // the search prompt in the header
	ListMatch   lipgloss.Style // matched words in list snippets
	ListSnippet lipgloss.Style

	// Raw SGR sequences that mark search matches inside glamour's output,
	// where lipgloss cannot be applied: every match, and the current one.
	MatchOn, MatchOff     string
	CurrentOn, CurrentOff string
}

// outputMode is what the output wall lets through for these styles:
// attributes alone without colour (NO_COLOR keeps bold, underline and
// reverse video, so emphasis still shows), else colours too.
func (s Styles) outputMode() termout.Mode {
	if s.Profile == termenv.Ascii {
		return termout.Attributes
	}
	return termout.Styled
}

// DefaultStyles builds the styles for a terminal with the given colour
// profile and background. With the Ascii profile nothing is coloured.
func DefaultStyles(r *lipgloss.Renderer, profile termenv.Profile, dark bool) Styles {
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(dark)
	pick := func(light, darkColor string) lipgloss.Color {
		if dark {
			return lipgloss.Color(darkColor)
		}
		return lipgloss.Color(light)
	}
	accent := pick("#5A4FCF", "#9F8CFF")
	muted := pick("#6C6C6C", "#8A8A8A")
	text := pick("#1A1A1A", "#E4E4E4")
	barBg := pick("#E6E3FA", "#2B2840")
	warn := pick("#B3261E", "#FF8A80")

	s := Styles{Renderer: r, Profile: profile, Dark: dark}
	s.HeaderBar = r.NewStyle().Background(barBg).Foreground(text)
	s.HeaderTitle = r.NewStyle().Background(barBg).Foreground(accent).Bold(true)
	s.HeaderInfo = r.NewStyle().Background(barBg).Foreground(muted)
	s.FooterBar = r.NewStyle().Foreground(muted)
	s.FooterStat = r.NewStyle().Foreground(accent)
	s.Help = help.Styles{
		ShortKey:       r.NewStyle().Foreground(text),
		ShortDesc:      r.NewStyle().Foreground(muted),
		ShortSeparator: r.NewStyle().Foreground(muted),
		Ellipsis:       r.NewStyle().Foreground(muted),
		FullKey:        r.NewStyle().Foreground(text),
		FullDesc:       r.NewStyle().Foreground(muted),
		FullSeparator:  r.NewStyle().Foreground(muted),
	}
	s.PaneBorder = r.NewStyle().Foreground(muted)

	s.ListCursor = r.NewStyle().Foreground(accent).Bold(true)
	s.ListTitle = r.NewStyle().Foreground(text)
	s.ListSelected = r.NewStyle().Foreground(accent).Bold(true)
	s.ListUnread = r.NewStyle().Foreground(text).Bold(true)
	s.UnreadDot = r.NewStyle().Foreground(accent)
	s.Bookmark = r.NewStyle().Foreground(pick("#B7791F", "#F2C94C"))
	s.Continue = r.NewStyle().Foreground(accent)
	s.ListMeta = r.NewStyle().Foreground(muted)
	s.ListEmpty = r.NewStyle().Foreground(muted).Italic(true)

	s.DocTitle = r.NewStyle().Foreground(accent).Bold(true)
	s.DocDek = r.NewStyle().Foreground(text).Italic(true)
	s.DocMeta = r.NewStyle().Foreground(muted)
	s.DocRule = r.NewStyle().Foreground(muted)

	s.Overlay = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	s.OverlayTitle = r.NewStyle().Foreground(accent).Bold(true)
	s.OverlayKey = r.NewStyle().Foreground(text).Bold(true)
	s.OverlayDesc = r.NewStyle().Foreground(muted)

	s.Warning = r.NewStyle().Foreground(warn)

	s.Prompt = r.NewStyle().Background(barBg).Foreground(text)
	s.ListSnippet = r.NewStyle().Foreground(muted)
	s.ListMatch = r.NewStyle().Foreground(text).Bold(true).Underline(profile == termenv.Ascii)
	s.MatchOn, s.MatchOff, s.CurrentOn, s.CurrentOff = matchSequences(profile, dark)
	return s
}

// matchSequences returns the SGR sequences for search matches. Without
// colour they are underline and reverse video: attributes, not colours, so
// matches stay visible under NO_COLOR.
func matchSequences(profile termenv.Profile, dark bool) (on, off, currentOn, currentOff string) {
	currentOn, currentOff = termenv.CSI+termenv.ReverseSeq+"m", termenv.CSI+"27m"
	if profile == termenv.Ascii {
		return termenv.CSI + termenv.UnderlineSeq + "m", termenv.CSI + "24m", currentOn, currentOff
	}
	bg := "#FFF0A0"
	if dark {
		bg = "#6B5A00"
	}
	return termenv.CSI + profile.Color(bg).Sequence(true) + "m", termenv.CSI + "49m", currentOn, currentOff
}
