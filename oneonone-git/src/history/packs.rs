//! A reader of pack indexes (`objects/pack/*.idx`, version 2, SHA-1), just enough to tell
//! whether one packed object is stored as a delta against another.

use git2::Oid;
use std::path::{Path, PathBuf};

/// The `.idx` files of the repository's packs (version 2, SHA-1), each with its pack.
pub(super) struct PackIndexes {
    packs: Vec<(Vec<u8>, PathBuf)>,
}

impl PackIndexes {
    pub(super) fn load(dir: &Path) -> PackIndexes {
        let mut packs = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "idx")
                && let Ok(idx) = std::fs::read(&path)
                && idx.len() >= 8 + 1024
                && idx[..8] == [0xff, b't', b'O', b'c', 0, 0, 0, 2]
            {
                packs.push((idx, path.with_extension("pack")));
            }
        }
        PackIndexes { packs }
    }

    /// Whether one of the two blobs is stored as a delta against the other.
    pub(super) fn delta_related(&self, a: Oid, b: Oid) -> bool {
        self.packs.iter().any(|(idx, pack)| {
            let (Some(oa), Some(ob)) =
                (idx_offset(idx, a.as_bytes()), idx_offset(idx, b.as_bytes()))
            else {
                return false;
            };
            let base = |off| delta_base(idx, pack, off);
            base(ob) == Some(oa) || base(oa) == Some(ob)
        })
    }
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The pack offset of an object, from a version 2 `.idx`.
fn idx_offset(idx: &[u8], oid: &[u8]) -> Option<u64> {
    if oid.len() != 20 {
        return None;
    }
    let first = usize::from(oid[0]);
    let n = be32(idx, 8 + 255 * 4)? as usize;
    let lo = if first == 0 {
        0
    } else {
        be32(idx, 8 + (first - 1) * 4)? as usize
    };
    let hi = be32(idx, 8 + first * 4)? as usize;
    let names = 8 + 1024;
    let (mut lo, mut hi) = (lo, hi.min(n));
    while lo < hi {
        let mid = (lo + hi) / 2;
        let name = idx.get(names + mid * 20..names + mid * 20 + 20)?;
        match name.cmp(oid) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let off = be32(idx, names + n * 24 + mid * 4)?;
                if off & 0x8000_0000 == 0 {
                    return Some(u64::from(off));
                }
                let at = names + n * 28 + (off & 0x7fff_ffff) as usize * 8;
                return Some(u64::from_be_bytes(idx.get(at..at + 8)?.try_into().ok()?));
            }
        }
    }
    None
}

/// The offset of the object a packed object is a delta against, if it is a delta.
fn delta_base(idx: &[u8], pack: &Path, offset: u64) -> Option<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(pack).ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut head = [0u8; 40];
    let len = file.read(&mut head).ok()?;
    let head = &head[..len];
    let mut i = 0;
    let kind = (head.first()? >> 4) & 7;
    while head.get(i)? & 0x80 != 0 {
        i += 1;
    }
    i += 1;
    match kind {
        // OFS_DELTA: the base's distance back, in git's offset encoding.
        6 => {
            let mut c = *head.get(i)?;
            let mut back = u64::from(c & 0x7f);
            while c & 0x80 != 0 {
                i += 1;
                c = *head.get(i)?;
                back = ((back + 1) << 7) | u64::from(c & 0x7f);
            }
            offset.checked_sub(back)
        }
        // REF_DELTA: the base's id.
        7 => idx_offset(idx, head.get(i..i + 20)?),
        _ => None,
    }
}
