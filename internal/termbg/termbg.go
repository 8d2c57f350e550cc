// Package termbg finds out, once and quickly, whether the terminal has a dark
// background, before the reader takes over the terminal.
package termbg

import (
	"image/color"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/lucasb-eyer/go-colorful"
)

// Timeout bounds the wait for the terminal's answer. Terminals answer within
// milliseconds; one that has not answered by then is not going to.
const Timeout = 400 * time.Millisecond

// Dark reports whether the terminal on in and out has a dark background. The
// environment decides first (DISPATCH_THEME=dark|light, then COLORFGBG); then
// the terminal is asked, with a bound on the wait; dark is the default.
func Dark(in, out *os.File, getenv func(string) string) bool {
	switch strings.ToLower(getenv("DISPATCH_THEME")) {
	case "dark":
		return true
	case "light":
		return false
	}
	if dark, ok := parseCOLORFGBG(getenv("COLORFGBG")); ok {
		return dark
	}
	if getenv("TERM") == "dumb" {
		return true
	}
	reply, ok := query(in, out, ansi.RequestBackgroundColor+ansi.RequestPrimaryDeviceAttributes, Timeout)
	if !ok {
		return true
	}
	if dark, ok := parseReply(reply); ok {
		return dark
	}
	return true
}

// parseCOLORFGBG reads the "fg;bg" colour numbers some terminals export; ANSI
// colours 0-6 and 8 are dark backgrounds.
func parseCOLORFGBG(v string) (dark, ok bool) {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return false, false
	}
	bg, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return false, false
	}
	return bg < 7 || bg == 8, true
}

var (
	oscBackground  = regexp.MustCompile("\x1b\\]11;([^\x07\x1b]*)(?:\x07|\x1b\\\\)")
	deviceAttrsEnd = regexp.MustCompile("\x1b\\[\\?[0-9;]*c")
)

// answered reports whether the reply is complete: the device attributes answer
// comes last, since every terminal sends it and sends it after the colour.
func answered(reply []byte) bool { return deviceAttrsEnd.Match(reply) }

// parseReply finds the background colour answer in reply.
func parseReply(reply []byte) (dark, ok bool) {
	m := oscBackground.FindSubmatch(reply)
	if m == nil {
		return false, false
	}
	c := ansi.XParseColor(string(m[1]))
	if c == nil {
		return false, false
	}
	return isDark(c), true
}

func isDark(c color.Color) bool {
	cf, ok := colorful.MakeColor(c)
	if !ok {
		return true
	}
	_, _, l := cf.Hsl()
	return l < 0.5
}
