package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Operators of a query: a word "name:value" whose name is one of these
// filters rather than looks for text. Any other letters before a colon at
// the start of a word are a mistake, said as one (a search for "update:"
// that silently looks for the word would hide the typo in "tpoic:"), but a
// colon after digits ("10:30") or before a slash ("http://") is text.
var operatorNames = []string{"date", "is", "since", "source", "tag", "topic", "until"}

// The states is: asks for; the caller's Marks answer them.
const (
	StateUnread  = "unread"
	StateRead    = "read"
	StateStarred = "starred" // bookmarked (★)
	StateNew     = "new"     // brought by the last fetch
)

var stateNames = map[string]string{
	"unread": StateUnread, "read": StateRead, "starred": StateStarred, "bookmarked": StateStarred, "new": StateNew,
}

// StateFilter is is:STATE, or -is:STATE.
type StateFilter struct {
	State  string // StateUnread, StateRead, StateStarred or StateNew
	Negate bool
}

// DateFilter is since:, until: or date: with its value: an article's date
// (published, else first seen) must fall in the span it names.
type DateFilter struct {
	Op     string // "since", "until" or "date"
	Text   string // the value as typed, for messages
	From   dateBound
	To     dateBound // date:A..B's B; for since:, until: and a one-value date: unset
	Range  bool      // date:A..B (either side may be open)
	Negate bool
}

// dateBound is one date of an operator: a calendar day, month or year; a
// number of days back from today (today, yesterday); or an age back from
// now (7d, 2w). It is resolved against the request's clock.
type dateBound struct {
	set        bool
	year       int
	month, day int // 0 for a whole year or month
	daysBack   int // today 0, yesterday 1; -1 when not relative to today
	age        int // an age's count of unit; 0 when not an age
	unit       byte
}

// CheckQuery reports the first mistake in a query's operators (an unknown
// operator, a topic: with nothing after it, a date that is none), as
// ParseQuery finds it; nil when there is none. It needs no library: a
// saved search is checked when the configuration is read.
func CheckQuery(text string) error {
	return NewAnalyzer().ParseQuery(text).Err
}

// splitOperator splits "name:value" when the word starts with an operator
// name's shape: ASCII letters and a colon, the colon not followed by a
// slash. The name is lower-cased.
func splitOperator(word string) (name, value string, ok bool) {
	i := 0
	for i < len(word) && (word[i] >= 'a' && word[i] <= 'z' || word[i] >= 'A' && word[i] <= 'Z') {
		i++
	}
	if i == 0 || i >= len(word) || word[i] != ':' || strings.HasPrefix(word[i+1:], "/") {
		return "", "", false
	}
	return strings.ToLower(word[:i]), word[i+1:], true
}

// operatorError is the one-line error for a mistake in an operator. What
// the user typed is quoted or shown as one line (termout.OneLine by the
// caller's wall); the query is sanitised before it is parsed.
func operatorError(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}

// applyOperator records the operator word name:value on q, or says what is
// wrong with it.
func (q *Query) applyOperator(name, value string, negate bool) error {
	value = strings.TrimSpace(value)
	switch name {
	case "topic":
		if value == "" {
			return operatorError("topic: needs a topic after it (topic:NAME)")
		}
		add(&q.Topics, &q.NotTopics, negate, strings.ToLower(value))
	case "source":
		if value == "" {
			return operatorError(`source: needs a source after it (source:NAME, or source:"A NAME")`)
		}
		add(&q.Sources, &q.NotSources, negate, value)
	case "tag":
		if value == "" {
			return operatorError(`tag: needs a tag after it (tag:NAME, or tag:"A NAME")`)
		}
		add(&q.Tags, &q.NotTags, negate, value)
	case "is":
		state, ok := stateNames[strings.ToLower(value)]
		if !ok {
			if value == "" {
				return operatorError("is: needs a state after it: is:unread, is:read, is:starred or is:new")
			}
			return operatorError("is:%s: want is:unread, is:read, is:starred or is:new", value)
		}
		q.States = append(q.States, StateFilter{State: state, Negate: negate})
	case "since", "until", "date":
		f, err := parseDateFilter(name, value)
		if err != nil {
			return err
		}
		f.Negate = negate
		q.Dates = append(q.Dates, f)
	default:
		return operatorError("unknown operator %q (known: %s)", name+":", strings.Join(operatorList(), ", "))
	}
	return nil
}

func add(yes, no *[]string, negate bool, v string) {
	if negate {
		*no = append(*no, v)
	} else {
		*yes = append(*yes, v)
	}
}

// operatorList is the operators as they are typed, for messages.
func operatorList() []string {
	out := make([]string, len(operatorNames))
	for i, n := range operatorNames {
		out[i] = n + ":"
	}
	return out
}

// parseDateFilter reads since:VALUE, until:VALUE or date:VALUE.
func parseDateFilter(op, value string) (DateFilter, error) {
	f := DateFilter{Op: op, Text: value}
	if value == "" {
		return f, operatorError("%s: needs a date after it: 2025-11-23, today, yesterday, 7d or 2w%s", op, rangeHint(op))
	}
	if a, b, isRange := strings.Cut(value, ".."); isRange {
		if op != "date" {
			return f, operatorError("%s:%s: %s: takes one date; date:A..B takes a range", op, value, op)
		}
		if a == "" && b == "" {
			return f, operatorError("date:..: a range needs a date on at least one side")
		}
		f.Range = true
		var err error
		if a != "" {
			if f.From, err = parseDateBound(op, a); err != nil {
				return f, err
			}
		}
		if b != "" {
			if f.To, err = parseDateBound(op, b); err != nil {
				return f, err
			}
		}
		return f, nil
	}
	var err error
	f.From, err = parseDateBound(op, value)
	return f, err
}

func rangeHint(op string) string {
	if op == "date" {
		return ", or a range 2025-11-20..2025-11-25"
	}
	return ""
}

// ageUnits are the units of an age: hours, days, weeks, months, years.
const ageUnits = "hdwmy"

// parseDateBound reads one date: YYYY-MM-DD, YYYY-MM, YYYY, today,
// yesterday, or an age (7d, 2w, 3m, 1y, 12h).
func parseDateBound(op, s string) (dateBound, error) {
	b := dateBound{set: true, daysBack: -1}
	switch ls := strings.ToLower(s); {
	case ls == "today":
		b.daysBack = 0
		return b, nil
	case ls == "yesterday":
		b.daysBack = 1
		return b, nil
	case len(ls) >= 2 && strings.IndexByte(ageUnits, ls[len(ls)-1]) >= 0 && allDigits(ls[:len(ls)-1]):
		n, err := strconv.Atoi(ls[:len(ls)-1])
		if err != nil || n <= 0 || n > 100000 {
			return b, operatorError("%s:%s: an age is a whole number from 1, then h, d, w, m or y (7d, 2w)", op, s)
		}
		b.age, b.unit = n, ls[len(ls)-1]
		return b, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil || len(s) != len(layout) {
			continue
		}
		b.year = t.Year()
		if layout != "2006" {
			b.month = int(t.Month())
		}
		if layout == time.DateOnly {
			b.day = t.Day()
		}
		return b, nil
	}
	return b, operatorError("%s:%s: not a date: want 2025-11-23 (or 2025-11, 2025), today, yesterday, or an age such as 7d or 2w", op, s)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// span is the bound's time span in now's time zone: a day, month or year
// from its first instant to the next one's; an age is the instant that
// long before now, start and end alike.
func (b dateBound) span(now time.Time) (start, end time.Time) {
	loc := now.Location()
	switch {
	case b.age > 0:
		n := b.age
		var t time.Time
		switch b.unit {
		case 'h':
			t = now.Add(-time.Duration(n) * time.Hour)
		case 'd':
			t = now.AddDate(0, 0, -n)
		case 'w':
			t = now.AddDate(0, 0, -7*n)
		case 'm':
			t = now.AddDate(0, -n, 0)
		default:
			t = now.AddDate(-n, 0, 0)
		}
		return t, t
	case b.daysBack >= 0:
		y, m, d := now.Date()
		start = time.Date(y, m, d-b.daysBack, 0, 0, 0, 0, loc)
		return start, start.AddDate(0, 0, 1)
	case b.day > 0:
		start = time.Date(b.year, time.Month(b.month), b.day, 0, 0, 0, 0, loc)
		return start, start.AddDate(0, 0, 1)
	case b.month > 0:
		start = time.Date(b.year, time.Month(b.month), 1, 0, 0, 0, 0, loc)
		return start, start.AddDate(0, 1, 0)
	}
	start = time.Date(b.year, 1, 1, 0, 0, 0, 0, loc)
	return start, start.AddDate(1, 0, 0)
}

// window is the span of time the filter keeps, given now: [from, to), a
// zero side open.
func (f DateFilter) window(now time.Time) (from, to time.Time) {
	switch {
	case f.Op == "since":
		from, _ = f.From.span(now)
	case f.Op == "until":
		_, to = f.From.span(now)
	case f.Range:
		if f.From.set {
			from, _ = f.From.span(now)
		}
		if f.To.set {
			_, to = f.To.span(now)
		}
	case f.From.age > 0:
		from, _ = f.From.span(now) // date:7d is the last seven days
	default:
		from, to = f.From.span(now)
	}
	return from, to
}
