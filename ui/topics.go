package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
)

// noTopic is the topic filter when none is active.
const noTopic = -1

// topicStyles colours each topic, readable on the terminal's background.
func topicStyles(s Styles, ts store.Topics) []lipgloss.Style {
	out := make([]lipgloss.Style, len(ts))
	for i, t := range ts {
		out[i] = s.topic(t.Color)
	}
	return out
}

// chipAbbrev is how many letters of a topic key a cramped chip keeps.
const chipAbbrev = 3

// topicChips draws the topics article doc carries, heaviest first, each in
// its colour (without colour, bracketed so it still reads as a tag), in at
// most width cells: whole keys when they fit, else the first letters of
// each, else as many as fit.
func topicChips(c *common, doc, width int) string {
	draw := func(abbrev bool) string {
		var chips []string
		for _, t := range c.lib.Coverage.Carried(doc) {
			key := c.lib.Topics[t].Key
			if abbrev && len(key) > chipAbbrev {
				key = key[:chipAbbrev]
			}
			if c.styles.colour() {
				key = "▪" + key
			} else {
				key = "[" + key + "]"
			}
			chips = append(chips, c.topicStyle[t].Render(key))
		}
		return strings.Join(chips, " ")
	}
	if full := draw(false); ansi.StringWidth(full) <= width {
		return full
	}
	return ansi.Truncate(draw(true), max(width, 0), "…")
}
