// Package feed subscribes to RSS (0.9x, 1.0, 2.0), Atom and JSON Feed
// feeds, fetches them politely and safely, and writes each item as a
// markdown file that the article loader reads exactly like a user's --dir
// folder.
//
// # Files
//
// Subscriptions are one OPML 2.0 file (Config.SubscriptionsFile, normally
// $XDG_CONFIG_HOME/dispatch/feeds.opml), so other readers can import it.
// Each feed is an <outline type="rss" text title xmlUrl htmlUrl> with tags
// in the standard category attribute ("tech,go") and the titles of the
// folders it is in, and dispatch's own settings as extra attributes other
// readers ignore: dispatchFullText="true" or "false", dispatchRefresh="2h"
// and dispatchDir="<directory>". A feed's settings (its name, full text
// on or off, a refresh interval, tags: settings.go) may also come from
// outside the file, the configuration's feeds: (Config.Settings), which
// win over the file's as it is read, and Export writes. The
// file is read as a whole document and written back with what dispatch does
// not use kept as it was (other readers' attributes, folders, notes, the
// head, and the outlines it cannot follow, which List reports with why),
// and only when something changed. It is at most 16 MiB, read or written,
// and lists at most MaxSubscriptions feeds. On import, nested outline
// folders are flattened and each folder's title becomes a tag of the feeds
// inside it, so export then import gives back the same subscriptions.
//
// Items live under Config.DataDir/feeds/<dir>/, one directory per feed
// (dir is a slug of the feed's name, chosen once and kept in the OPML).
// Each item is "<YYYY-MM-DD>-<title slug>-<key>.md", where key is 12 hex
// digits of SHA-256 of the item's identity: its guid, else its link, else
// its title and date. Only the key identifies the file: the name is chosen
// when the item is first written and kept when its title or date changes,
// and the items are found again by key even if the fetch state is lost.
// The file is YAML front matter then the markdown body:
//
//	---
//	title: Ferry timetable changes for the winter
//	byline: Per Lindqvist          (authors, comma-separated; omitted if none)
//	source: Lakeside Gazette       (the subscription's name)
//	published: "2025-11-22"        (YYYY-MM-DD; omitted if the feed gives no date)
//	url: https://…/ferry.html      (the item's link, http or https only)
//	feed: https://…/rss.xml        (the feed's URL when the item was written)
//	guid: https://…/ferry.html     (the item's guid as the feed gives it)
//	---
//
// Front-matter values are plain one-line text, YAML-encoded (never
// hand-quoted); whoever places them in markdown escapes them there.
//
// Beside the items, the hidden file .fetch.json keeps the feed's fetch
// state: ETag and Last-Modified for conditional requests, when it was last
// fetched, the last error, a Retry-After deadline, the target of a
// permanent redirect, the number of items in the last document, and per
// item its file name, a hash of what the feed said about it (the same hash
// means unchanged: the file is not touched) and whether its page was
// fetched for full text. The loader passes hidden files by. A lock file,
// DataDir/feeds/.lock, serialises fetches and subscription changes between
// processes; each feed's own .lock, the writes to its directory. Every
// fetch replaces DataDir/feeds/.new with the items it created, one path
// below the feeds folder a line (LastNew reads it back): what is new. Every
// file is opened without blocking and only if regular: a named pipe in
// its place is refused, not waited on.
//
// Every file is written atomically (temporary file in the same directory,
// sync, rename, sync of the directory), so a process killed at any moment
// leaves the old file or the new one. Item files are synced in batches (one
// syncfs per 256 files on Linux) rather than one fsync each, which would
// make the first fetch of a large feed take minutes. Temporary files are
// hidden and are removed on the next run, matched by name, not by glob.
//
// # Fetching
//
// Items that disappear from a feed are kept: they are the user's archive,
// bounded (archive.go): a fetch stores the newest Config.MaxItemsPerFetch
// items of a document, and of the items a feed no longer lists the oldest
// go past Config.KeepItems files (or Config.KeepAge), never one the caller
// keeps (Config.Keep: bookmarked). A changed item replaces its file; an
// unchanged one is not rewritten. Up to four feeds are fetched at once, one
// request at a time per host, with conditional GET, gzip, timeouts (a
// request, a feed, a whole fetch), size caps that apply after
// decompression, at most five redirects, http and https only, Retry-After
// honoured (up to seven days, also when read back), and permanent redirects
// followed by the subscription.
//
// A fetch that names no feed passes by one whose own refresh interval has
// not passed since its last successful fetch, and says it is not due
// (due.go). A feed renamed gives its items the new name without the
// network (relabel.go).
//
// Full text: when a subscription asks for it, or when an item's text is
// shorter than 150 words and it has a link (unless the subscription turns
// full text off), the linked page is fetched and
// its article extracted with readability. Each item's page is fetched at
// most once, ever (the fetch state remembers success or failure), and at
// most Config.MaxFullTextPerFeed pages per feed per fetch (the others get
// theirs on a later fetch that receives the feed document, not a 304); when
// extraction fails, or finds less text than the feed has, the feed's own
// text is kept. Pages are fetched after the items are written with the
// feed's text and the feeds' lock is released, within Config.PagesTimeout
// a feed (pages.go).
//
// # Safety
//
// Feeds are untrusted. An XML feed whose shape would make the parser's work
// grow with elements times namespaces (nesting, namespaces in scope,
// elements) is refused before it is parsed (xmlguard.go). HTML is parsed;
// scripts, styles, frames, objects, embeds, forms and media are dropped;
// tables are bounded in the cells they become (tables.go); links and images
// are resolved against the item's link (or the feed's, or xml:base), only
// http, https (and mailto, for links) survive, and images become links
// labelled with their alt text. All text then passes article.Sanitize, the
// loader's own wall, and a last pass over character references
// (sanitize.go): no terminal escape sequence, C0/C1 control (other than
// newline and tab), bidi control, TAG character or invalid UTF-8 reaches a
// file. Parsers run with panics recovered: a feed that crashes one fails
// alone.
package feed
