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
func newAppearance(e env, g *globalFlags, forText bool) appearance {
	profile, dark := termenv.Ascii, true
	if colorsOn(e, g) {
		profile = termenv.NewOutput(e.ttyOut).EnvColorProfile()
		if theme := e.getenv("DISPATCH_THEME"); theme != "" && !strings.EqualFold(theme, "dark") && !strings.EqualFold(theme, "light") {
			e.say("DISPATCH_THEME=%s is neither dark nor light; asking the terminal instead", theme)
		}
		dark = termbg.Dark(e.stdin, e.ttyOut, e.getenv)
	}
	// bubbles components draw with lipgloss's default renderer.
	lipgloss.SetHasDarkBackground(dark)
	lipgloss.SetColorProfile(profile)
	var out *os.File = e.ttyOut
	if out == nil {
		out = os.Stdout
	}
	styles := ui.DefaultStyles(lipgloss.NewRenderer(out), profile, dark)
	return appearance{styles: styles, glamourStyle: glamourStyle(profile, dark, forText)}
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
