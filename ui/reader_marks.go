package ui

import "slices"

// flashLanding marks, for a moment, the passage the open being made lands
// on.
func (m *readerModel) flashLanding() {
	m.flashOnLand = true
	if m.page != nil {
		m.landFlash()
	}
}

// flashDone ends the mark of flash gen, unless a later one replaced it.
func (m *readerModel) flashDone(gen int) {
	if gen == m.flashGen {
		m.flash = -1
	}
}

// stepTopic moves to the next (+1) or previous (-1) passage on the topic
// filter; past the last it asks for the next article on the topic.
func (m *readerModel) stepTopic(dir int) {
	if m.c.topic == noTopic {
		m.c.say("no topic filter: the number keys pick one")
		return
	}
	if p, ok := m.topicPassage(dir); ok {
		m.scrollTo(m.page.passageLines[p])
		m.startFlash(p)
		return
	}
	land, say := landFirstOnTopic, "next article on "
	if dir < 0 {
		land, say = landLastOnTopic, "previous article on "
	}
	m.c.send(stepMsg{delta: dir, land: land, say: say + m.c.topicName()})
}

// topicPassage returns the next (+1) or previous (-1) passage on the topic:
// after the one last jumped to while the reader has not been scrolled since,
// else after (before) the top of the pane.
func (m *readerModel) topicPassage(dir int) (int, bool) {
	passages := slices.Clone(m.c.lib.Coverage().Passages(m.doc, m.c.topic))
	from := -1 // passage to move on from
	if m.flash >= 0 && m.flashTop == m.top {
		from = m.flash
	}
	if dir < 0 {
		slices.Reverse(passages)
	}
	for _, p := range passages {
		if p >= len(m.page.passageLines) {
			continue
		}
		line := m.page.passageLines[p]
		switch {
		case from >= 0 && (dir > 0 && p > from || dir < 0 && p < from):
			return p, true
		case from < 0 && (dir > 0 && line > m.top || dir < 0 && line < m.top):
			return p, true
		}
	}
	return 0, false
}

// landFlash marks the passage landed on for a moment.
func (m *readerModel) landFlash() {
	m.flashOnLand = false
	if m.landPass >= 0 {
		m.startFlash(m.landPass)
	}
}

// startFlash marks passage p for a moment; the root times it.
func (m *readerModel) startFlash(p int) {
	m.flash, m.flashTop = p, m.top
	m.flashGen++
	m.c.send(flashStartedMsg{gen: m.flashGen})
}
