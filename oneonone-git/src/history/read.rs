//! The readers: each reads the blobs of its batches with its own repository handle.

use super::{Batch, HistoryError};
use crate::error::GitError;
use git2::{Oid, Repository};
use std::sync::mpsc::{Receiver, SyncSender};

/// Reads the texts of each batch from `rx` and passes the batch on to the scanner.
/// Returns how many new revisions it read.
pub(super) fn read_blobs(
    repo: &Repository,
    rx: Receiver<Batch>,
    tx: SyncSender<Batch>,
) -> Result<usize, HistoryError> {
    let read = |oid: Oid, path: &str| -> Result<String, HistoryError> {
        let blob = repo.find_blob(oid).map_err(|e| HistoryError::Blob {
            blob: oid.to_string(),
            path: path.to_owned(),
            source: GitError::from_git2(&e),
        })?;
        Ok(blob_text(&blob))
    };
    let mut parsed = 0;
    for mut batch in rx {
        for c in &mut batch.changes {
            if c.read_old
                && let Some(blob) = c.raw.old_blob
            {
                c.old_text = Some(read(blob, c.old_path())?);
            }
            if let Some(blob) = c.raw.new_blob {
                parsed += 1;
                c.new_text = Some(read(blob, &c.raw.path)?);
            }
        }
        if tx.send(batch).is_err() {
            break;
        }
    }
    Ok(parsed)
}

/// A file's text as read from a blob: copied as is when it is UTF-8 (it almost always is).
fn blob_text(blob: &git2::Blob<'_>) -> String {
    match std::str::from_utf8(blob.content()) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(blob.content()).into_owned(),
    }
}
