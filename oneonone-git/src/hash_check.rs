//! libgit2's per-read hash check, paused while our reads run.

/// libgit2's check that every object read hashes to its id, paused while at least one
/// read of ours runs (a history read, the pre-commit check) and back on when the last ends.
///
/// The check re-hashes every blob read (about half of a cold read's CPU time) and `git log`
/// itself never does it: git verifies objects when they arrive (`fetch`, `index-pack`) and
/// in `fsck`, not on each read. The switch is process-wide in libgit2; counting the reads
/// keeps it off no longer than they run, so an MCP server reads with the check on between
/// them.
pub(crate) struct HashCheckPause;

static READS: std::sync::Mutex<usize> = std::sync::Mutex::new(0);

impl HashCheckPause {
    /// Pauses the check until the value is dropped.
    pub(crate) fn start() -> HashCheckPause {
        let mut reads = READS.lock().unwrap_or_else(|e| e.into_inner());
        if *reads == 0 {
            git2::opts::strict_hash_verification(false);
        }
        *reads += 1;
        HashCheckPause
    }
}

impl Drop for HashCheckPause {
    fn drop(&mut self) {
        let mut reads = READS.lock().unwrap_or_else(|e| e.into_inner());
        *reads -= 1;
        if *reads == 0 {
            git2::opts::strict_hash_verification(true);
        }
    }
}
