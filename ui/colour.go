package ui

import (
	"math"

	"github.com/lucasb-eyer/go-colorful"
)

// minContrast is the contrast ratio text needs against its background to
// be read comfortably (WCAG AA for normal text).
const minContrast = 4.5

// Typical terminal backgrounds colours are checked against.
const (
	darkBackground  = "#1C1C1C"
	lightBackground = "#FFFFFF"
)

// readable returns hex, made lighter (on a dark background) or darker (on a
// light one) as little as needed to reach minContrast against bg. A topic's
// colour from a topics file is chosen once; this keeps it legible on both
// kinds of terminal.
func readable(hex, bg string) string {
	c, err := colorful.Hex(hex)
	if err != nil {
		return hex
	}
	back, err := colorful.Hex(bg)
	if err != nil {
		return hex
	}
	target := colorful.Color{R: 1, G: 1, B: 1}
	if luminance(back) > 0.5 {
		target = colorful.Color{}
	}
	for step := 0.0; step <= 1; step += 0.02 {
		mixed := c.BlendLab(target, step).Clamped()
		if contrast(mixed, back) >= minContrast {
			return mixed.Hex()
		}
	}
	return target.Hex()
}

// contrast is the WCAG contrast ratio of two colours, 1 to 21.
func contrast(a, b colorful.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of c.
func luminance(c colorful.Color) float64 {
	lin := func(v float64) float64 {
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
