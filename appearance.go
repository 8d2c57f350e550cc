package main

import (
	"os"

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
// Without colour, glamour's plain "notty" style is used and nothing printed
// carries an escape sequence.
func newAppearance(e env, g *globalFlags) appearance {
	profile, dark := termenv.Ascii, true
	if colorsOn(e, g) {
		profile = termenv.NewOutput(e.ttyOut).EnvColorProfile()
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
	return appearance{styles: styles, glamourStyle: glamourStyle(profile, dark)}
}

func glamourStyle(profile termenv.Profile, dark bool) ansi.StyleConfig {
	switch {
	case profile == termenv.Ascii:
		return glamourstyles.NoTTYStyleConfig
	case dark:
		return glamourstyles.DarkStyleConfig
	default:
		return glamourstyles.LightStyleConfig
	}
}
