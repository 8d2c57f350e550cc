// Package diskio is how dispatch keeps its files on disk: one way to
// replace a file, to sync a folder and to lock a file between processes,
// so that the reading state, the feeds and the index cache share one set
// of rules rather than three copies that drift apart.
//
//   - Replacing a file (WriteFile, Write): the new content goes to a
//     temporary file in the same folder, is synced, renamed over the file,
//     and the folder is synced. A crash or power cut at any moment leaves
//     the old file or the new one, never a mix; on every failure the
//     temporary file is removed. A file that is replaced keeps its
//     permission bits; a new one gets the permissions asked for, less the
//     umask.
//   - Many files into one folder (Batch): the same, with one sync for a
//     batch of files instead of one each.
//   - A small file appended to often (Append): write at the end and sync;
//     a crash can cut only the last append short.
//   - Temporary names are "." + name + ".tmp-" + random: hidden, so a
//     folder listing (the article loader's) never shows one a killed
//     process left, and recognised afterwards by comparing names as text
//     (RemoveTemps, RemoveTempsIn): a user's path may hold glob
//     characters.
//   - Folders are synced by SyncDir, whose doc says what counts as a file
//     system that cannot sync a folder (not an error: the rename stands).
//   - Locks (Lock, TryLock) are flock(2) locks on a lock file, taken for
//     as long as a context allows; the kernel drops the lock of a process
//     that dies. Where there is no flock (not Unix), they lock nothing.
package diskio
