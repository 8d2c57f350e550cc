package store

// stopWords are English function words: articles, pronouns, prepositions,
// conjunctions, auxiliaries and question words. They say nothing about what a
// text is about, so they never relate two articles, and in a query they are
// optional — "what did Rubio say" needs Rubio, not "what" — while a phrase
// keeps them ("the end of the war").
var stopWords = setOf(
	"a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as", "because", "while",
	"although", "though", "whether", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without",
	"about", "into", "onto", "over", "under", "after", "before", "between", "among", "through", "during",
	"against", "within", "upon", "off", "out", "up", "down", "via", "per", "i", "me", "my", "mine", "we", "us",
	"our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its", "they",
	"them", "their", "theirs", "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
	"when", "where", "why", "how", "is", "am", "are", "was", "were", "be", "been", "being", "do", "does",
	"did", "doing", "done", "have", "has", "had", "having", "will", "would", "shall", "should", "can",
	"could", "may", "might", "must", "not", "no", "there", "here", "also", "just", "only", "very", "too",
	"any", "some", "all", "each", "every", "both", "either", "neither", "such", "other", "more", "most",
	"own", "same", "s", "t", "don", "now", "again", "once")

// isStopWord reports whether a folded word, or its term, is a stop word.
func isStopWord(w string) bool { return stopWords[w] }
