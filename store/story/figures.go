package story

import (
	"strconv"
	"strings"
)

// spelled are the cardinal numbers taken when written as words. "one" is
// not among them: "one of the most", "one senior official" count nothing.
var spelled = map[string]float64{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3, "million": 1e6,
	"billion": 1e9, "trillion": 1e12, "dozen": 12,
}

// vague are plural amounts without a value: "millions of lives".
var vague = map[string]bool{"dozens": true, "hundreds": true, "thousands": true, "millions": true, "billions": true}

// unitWords are common words that are still what a number counts:
// "three years", "two days".
var unitWords = map[string]bool{"day": true, "days": true, "week": true, "weeks": true, "month": true,
	"months": true, "year": true, "years": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"time": true, "times": true, "people": true, "percent": true, "point": true, "points": true, "part": true,
	"parts": true, "side": true, "sides": true, "thing": true, "things": true, "number": true}

var scales = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true}

// figureKind tells a count from the kinds of dates.
type figureKind uint8

const (
	count   figureKind = iota
	weekday            // "Tuesday"
	month              // "November", "November 2025", "23 November"
	year               // "2022"
	clock              // "5 pm"
)

// figure is one number with what it counts, or one date, in a passage.
type figure struct {
	passage    int
	start, end int
	kind       figureKind
	value      float64 // the count; -1 for a vague amount ("millions")
	unit       string  // the counted noun, folded and singular ("home"); "" for dates
	key        string  // value and unit, or the date, as compared
	label      string  // as written ("40,000 homes", "November 2025")
	tokFrom    int     // the tokens it covers, for its clause
	tokTo      int
}

// findFigures returns the numbers and dates of one passage.
func findFigures(p int, pt passageToks) []figure {
	var out []figure
	toks, text := pt.toks, pt.text
	word := func(i int) string { return text[toks[i].start:toks[i].end] }
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		w := word(i)
		f := foldWord(w)
		switch {
		case weekdays[f] && t.upper:
			out = append(out, figure{passage: p, start: t.start, end: t.start + len(trimPossessive(w)), kind: weekday,
				key: f, label: trimPossessive(w), tokFrom: i, tokTo: i + 1})
			continue
		case months[f] && t.upper:
			if fig, ok := monthAt(p, pt, i); ok {
				out = append(out, fig)
				i = fig.tokTo - 1
			}
			continue
		}
		if enumerator(pt, i) {
			continue
		}
		if fig, ok := countAt(p, pt, i); ok {
			out = append(out, fig)
			i = fig.tokTo - 1
		}
	}
	return out
}

// enumerator reports whether toks[i] numbers a heading, list item or
// paragraph ("1. Alignment on…"), which counts nothing.
func enumerator(pt passageToks, i int) bool {
	t := pt.toks[i]
	return i == 0 && t.digit && t.end < len(pt.text) && (pt.text[t.end] == '.' || pt.text[t.end] == ')')
}

// monthAt reads a month name with the day and year around it.
func monthAt(p int, pt passageToks, i int) (figure, bool) {
	toks, text := pt.toks, pt.text
	from, to := i, i+1
	day := ""
	if i > 0 && toks[i-1].digit && !toks[i].stopBefore && isInt(text[toks[i-1].start:toks[i-1].end], 1, 31) {
		from, day = i-1, text[toks[i-1].start:toks[i-1].end]
	} else if to < len(toks) && toks[to].digit && !toks[to].stopBefore && isInt(text[toks[to].start:toks[to].end], 1, 31) {
		day = text[toks[to].start:toks[to].end]
		to++
	}
	yr := ""
	if to < len(toks) && toks[to].digit && isInt(text[toks[to].start:toks[to].end], 1800, 2100) {
		yr = text[toks[to].start:toks[to].end]
		to++
	}
	m := foldWord(text[toks[i].start:toks[i].end])
	if m == "may" && day == "" && yr == "" || m == "march" && day == "" && yr == "" && toks[i].initial {
		return figure{}, false // the verbs
	}
	key := strings.TrimSpace(strings.Join([]string{m, day, yr}, " "))
	key = strings.Join(strings.Fields(key), " ")
	return figure{passage: p, start: toks[from].start, end: toks[to-1].end, kind: month, key: key,
		label: text[toks[from].start:toks[to-1].end], tokFrom: from, tokTo: to}, true
}

func isInt(s string, lo, hi int) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= lo && n <= hi
}

// countAt reads a number and what it counts at toks[i]: "40,000 homes",
// "2.4 million euros", "28-point plan", "millions of lives", "three
// substations"; a year ("2022") or a time ("5 pm").
func countAt(p int, pt passageToks, i int) (figure, bool) {
	toks, text := pt.toks, pt.text
	w := text[toks[i].start:toks[i].end]
	f := foldWord(w)
	fig := figure{passage: p, start: toks[i].start, tokFrom: i, kind: count}
	var hyphenUnit string
	switch {
	case toks[i].digit:
		num, rest, _ := strings.Cut(w, "-")
		if strings.HasSuffix(num, "st") || strings.HasSuffix(num, "nd") || strings.HasSuffix(num, "rd") || strings.HasSuffix(num, "th") {
			return figure{}, false // an ordinal
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			return figure{}, false
		}
		fig.value, hyphenUnit = v, rest
		if rest == "" && isInt(num, 1800, 2100) && !strings.Contains(num, ",") {
			fig.kind, fig.key, fig.label, fig.end, fig.tokTo = year, num, num, toks[i].end, i+1
			return fig, true
		}
	case vague[f]:
		fig.value = -1
	case spelled[f] > 0:
		fig.value = spelled[f]
	default:
		return figure{}, false
	}
	j := i + 1
	if fig.value > 0 && hyphenUnit == "" && j < len(toks) && !toks[j].stopBefore {
		if s, ok := scales[foldWord(text[toks[j].start:toks[j].end])]; ok {
			fig.value *= s
			j++
		}
	}
	if hyphenUnit == "" && j < len(toks) && !toks[j].stopBefore {
		if u := foldWord(text[toks[j].start:toks[j].end]); u == "pm" || u == "am" || u == "p.m" || u == "a.m" {
			fig.kind, fig.end, fig.tokTo = clock, toks[j].end, j+1
			fig.label = text[fig.start:fig.end]
			fig.key = strconv.FormatFloat(fig.value, 'f', -1, 64) + " " + strings.ReplaceAll(u, ".", "")
			return fig, true
		}
	}
	if fig.value == -1 && j+1 < len(toks) && foldWord(text[toks[j].start:toks[j].end]) == "of" {
		j++ // millions of lives
	}
	// the counted noun: one or two words, not across punctuation
	var unit []string
	end := toks[i].end
	if hyphenUnit != "" {
		unit = append(unit, plural(strings.ToLower(hyphenUnit)))
	}
	for k := j; k < len(toks) && k < j+2 && !toks[k].stopBefore && !toks[k].digit; k++ {
		u := foldWord(text[toks[k].start:toks[k].end])
		if stopwords[u] && !unitWords[u] || months[u] || weekdays[u] || spelled[u] > 0 || vague[u] {
			break
		}
		unit = append(unit, plural(u))
		end = toks[k].start + len(trimPossessive(text[toks[k].start:toks[k].end]))
		j = k + 1
	}
	if len(unit) == 0 {
		return figure{}, false // a number that counts nothing said
	}
	fig.unit = strings.Join(unit, " ")
	fig.end, fig.tokTo = end, j
	fig.label = text[fig.start:fig.end]
	v := "many"
	if fig.value >= 0 {
		v = strconv.FormatFloat(fig.value, 'f', -1, 64)
	} else {
		v = f
	}
	fig.key = v + " " + fig.unit
	return fig, true
}

// isDate reports whether a figure is a date rather than a count.
func (f figure) isDate() bool { return f.kind != count }
