package ui

import "dispatch/store"

// gotoMatchFrom makes current the first match at or below line from (the
// top when the find began), else the first.
func (m *readerModel) gotoMatchFrom(from int) {
	for i, mt := range m.matches {
		if mt.segments[0].line >= from {
			m.gotoMatch(i)
			return
		}
	}
	m.gotoMatch(0)
}

// setQuery highlights the library search's matches.
func (m *readerModel) setQuery(q store.Query) {
	m.query = q
	m.setMatches()
}

// setFind highlights a search within this article instead.
func (m *readerModel) setFind(q store.Query) {
	m.find = q
	m.setMatches()
}

// highlighted is the query whose matches are marked: the search within the
// article when there is one, else the library search.
func (m *readerModel) highlighted() store.Query {
	if m.find.HasTerms() {
		return m.find
	}
	return m.query
}

func (m *readerModel) setMatches() {
	m.matches = findMatches(m.page, m.highlighted())
	m.current = -1
	m.byLine = map[int][]int{}
	for i, mt := range m.matches {
		for _, seg := range mt.segments {
			m.byLine[seg.line] = append(m.byLine[seg.line], i)
		}
	}
}

// stepMatch moves to the next (+1) or previous (-1) match. Past the last
// match of a library search it asks for the next result article; within
// the article's own search it stops.
func (m *readerModel) stepMatch(dir int) {
	q := m.highlighted()
	if !q.HasTerms() {
		m.c.say("no search to step through: / finds in this article")
		return
	}
	if m.moveMatch(dir) {
		return
	}
	if m.find.HasTerms() {
		if dir > 0 {
			m.c.say("no more matches below")
		} else {
			m.c.say("no more matches above")
		}
		return
	}
	land, say := landFirstMatch, "next result"
	if dir < 0 {
		land, say = landLastMatch, "previous result"
	}
	m.c.send(stepMsg{delta: dir, land: land, say: say})
}

// matchAhead reports whether n (forward) or N would find a match of the
// search within the article from where the reader is.
func (m *readerModel) matchAhead(forward bool) bool {
	if len(m.matches) == 0 {
		return false
	}
	if forward {
		last := m.matches[len(m.matches)-1].segments[0].line
		return m.current < len(m.matches)-1 && last >= m.top
	}
	return m.current > 0 || m.current < 0 && m.matches[0].segments[0].line < m.top+m.height
}

// moveMatch moves to the next (+1) or previous (-1) match from the current
// one, or, as less does, from the top of the pane when none is current or
// the reader has been scrolled away from it. It reports false when there is
// none that way.
func (m *readerModel) moveMatch(dir int) bool {
	if m.current >= 0 {
		if line := m.matches[m.current].segments[0].line; line < m.top || line >= m.top+m.height {
			m.current = -1
		}
	}
	if m.current < 0 {
		if dir > 0 {
			for i, mt := range m.matches {
				if mt.segments[0].line >= m.top {
					return m.gotoMatch(i)
				}
			}
			return false
		}
		for i := len(m.matches) - 1; i >= 0; i-- {
			if m.matches[i].segments[0].line < m.top+m.height {
				return m.gotoMatch(i)
			}
		}
		return false
	}
	return m.gotoMatch(m.current + dir)
}

// gotoMatch makes match i current and scrolls it into view, a third of the
// way down the pane so its context shows. It reports false when there is
// no match i.
func (m *readerModel) gotoMatch(i int) bool {
	if i < 0 || i >= len(m.matches) {
		return false
	}
	m.current = i
	line := m.matches[i].segments[0].line
	if line < m.top || line >= m.top+m.height {
		m.scrollTo(line - m.height/3)
	}
	return true
}
