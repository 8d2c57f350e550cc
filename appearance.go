package main

import (
	"os"
	"strings"

	"github.com/charmbracelet/glamour/ansi"
	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"dispatch/internal/termbg"
	"dispatch/store"
	"dispatch/ui"
)

// renderCacheBytes bounds the memory kept by rendered articles.
const renderCacheBytes = 64 << 20

// appearance is how output looks on this terminal, decided once.
type appearance struct {
	styles       ui.Styles
	glamourStyle ansi.StyleConfig
}

// renderer draws lib's articles in this appearance.
func (a appearance) renderer(lib *store.Library) *ui.Renderer {
	return ui.NewRenderer(lib, a.styles, a.glamourStyle, renderCacheBytes)
}

// newAppearance picks the colour profile and, when colouring, the terminal's
// background (asked once, with a bounded wait) and the matching glamour style.
// Without colour nothing printed carries an escape sequence: the reader
// uses glamour's "notty" style, whose **marks** are all the emphasis it
// can show; printed text (forText, `read`) leaves them out.
//
// The theme: DISPATCH_THEME (dark or light) first, then the
// configuration's theme: dark or light fix the background, a glamour
// style (by name or file) draws the articles, auto asks the terminal.
// Its colours: the configuration's colors:, readable on the background.
func newAppearance(e env, g *globalFlags, forText bool) appearance {
	profile, dark := termenv.Ascii, true
	var chosen ui.Colours
	var style *ansi.StyleConfig
	if g.conf != nil {
		chosen, style = g.conf.colours, g.conf.glamour
	}
	if colorsOn(e, g) {
		profile = termenv.NewOutput(e.ttyOut).EnvColorProfile()
		if theme := e.getenv("DISPATCH_THEME"); theme != "" && !strings.EqualFold(theme, "dark") && !strings.EqualFold(theme, "light") {
			e.say("DISPATCH_THEME=%s is neither dark nor light; asking the terminal instead", theme)
		}
		dark = termbg.Dark(e.stdin, e.ttyOut, envOrConfig(e.getenv, g))
	}
	// bubbles components draw with lipgloss's default renderer.
	lipgloss.SetHasDarkBackground(dark)
	lipgloss.SetColorProfile(profile)
	var out *os.File = e.ttyOut
	if out == nil {
		out = os.Stdout
	}
	styles := ui.StylesWith(lipgloss.NewRenderer(out), profile, dark, chosen)
	gs := glamourStyle(profile, dark, forText)
	if style != nil && profile != termenv.Ascii {
		gs = *style
	}
	return appearance{styles: styles, glamourStyle: gs}
}

// glamourStyleNamed is glamour's style of that name (dracula,
// tokyo-night, …), dark's when it has none.
func glamourStyleNamed(name string) *ansi.StyleConfig {
	if st, ok := glamourstyles.DefaultStyles[name]; ok {
		return st
	}
	return &glamourstyles.DarkStyleConfig
}

func glamourStyle(profile termenv.Profile, dark, forText bool) ansi.StyleConfig {
	switch {
	case profile == termenv.Ascii && forText:
		return plainTextStyle()
	case profile == termenv.Ascii:
		return glamourstyles.NoTTYStyleConfig
	case dark:
		return glamourstyles.DarkStyleConfig
	default:
		return glamourstyles.LightStyleConfig
	}
}

// plainTextStyle is glamour's "notty" style without the marks it shows
// emphasis with (strikethrough keeps its ~~, which say something):
// printed text reads as text, not as markdown.
func plainTextStyle() ansi.StyleConfig {
	st := glamourstyles.NoTTYStyleConfig
	st.Emph.BlockPrefix, st.Emph.BlockSuffix = "", ""
	st.Strong.BlockPrefix, st.Strong.BlockSuffix = "", ""
	return st
}
