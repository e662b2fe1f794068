//! The order the readers read blobs in, chosen to follow the packs' delta chains so that
//! libgit2's delta-base cache serves each revision from a recently read one. Reading
//! against the grain walks every delta chain from its base, which costs more than
//! everything else together.

use super::Batch;
use super::packs::PackIndexes;
use git2::Oid;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// How many of the first new revisions are looked up in the packs to choose the order.
pub(super) const ORDER_SAMPLES: usize = 32;

/// The order the readers read blobs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReadOrder {
    /// All files in commit order, the commits dealt to the readers in turn: for packs
    /// that deltify each blob against the one written before it (`git fast-import`).
    Commits,
    /// Each person's files on one reader, one person after another, oldest first: for
    /// packs that deltify a file's revisions against one another (`git repack -f`, `git
    /// gc` of loose objects; a plain `git gc` keeps the deltas a pack already has). The
    /// walk finishes before the reading starts.
    Persons,
}

impl ReadOrder {
    /// Looks at the first new revisions, in commit order, in the pack files: if most are
    /// stored as deltas of the one just before (another file's, mostly), the packs were
    /// written in commit order. Anything else (packs whose deltas git computed, loose
    /// objects) is read by person.
    pub(super) fn probe(common_dir: &Path, samples: &[Oid]) -> ReadOrder {
        let packs = PackIndexes::load(&common_dir.join("objects/pack"));
        let related = samples
            .windows(2)
            .filter(|w| packs.delta_related(w[0], w[1]))
            .count();
        if related * 2 > samples.len().saturating_sub(1) && related > 0 {
            ReadOrder::Commits
        } else {
            ReadOrder::Persons
        }
    }
}

/// Hands the walk's batches to the readers in the chosen order.
pub(super) struct Dealer {
    readers: Vec<Sender<Batch>>,
    common_dir: PathBuf,
    /// How many batches were sent in turn.
    sent: usize,
    /// `None` until the first revisions tell how the packs deltify them.
    order: Option<ReadOrder>,
    /// Batches held until the order is known (or, by person, until the walk ends).
    waiting: Vec<Batch>,
    /// The first new revisions, in commit order.
    samples: Vec<Oid>,
}

impl Dealer {
    /// A dealer to `readers`, probing the packs of `common_dir`.
    pub(super) fn new(readers: Vec<Sender<Batch>>, common_dir: &Path) -> Dealer {
        Dealer {
            readers,
            common_dir: common_dir.to_owned(),
            sent: 0,
            order: None,
            waiting: Vec::new(),
            samples: Vec::new(),
        }
    }

    /// Takes one batch; `false` when the readers stopped and the walk may stop too.
    pub(super) fn deal(&mut self, batch: Batch) -> bool {
        if self.order == Some(ReadOrder::Commits) {
            return self.send_in_turn(batch);
        }
        if self.order.is_none() {
            self.samples
                .extend(batch.changes.iter().filter_map(|c| c.raw.new_blob));
            if self.samples.len() >= ORDER_SAMPLES {
                self.order = Some(ReadOrder::probe(&self.common_dir, &self.samples));
            }
        }
        self.waiting.push(batch);
        if self.order != Some(ReadOrder::Commits) {
            return true;
        }
        std::mem::take(&mut self.waiting)
            .into_iter()
            .all(|b| self.send_in_turn(b))
    }

    /// Sends what is still held, once the walk is over.
    pub(super) fn finish(mut self) {
        let order = self
            .order
            .unwrap_or_else(|| ReadOrder::probe(&self.common_dir, &self.samples));
        let waiting = std::mem::take(&mut self.waiting);
        match order {
            ReadOrder::Commits => {
                let _ = waiting.into_iter().all(|b| self.send_in_turn(b));
            }
            ReadOrder::Persons => self.deal_by_person(waiting),
        }
    }

    fn send_in_turn(&mut self, batch: Batch) -> bool {
        let r = self.sent % self.readers.len();
        self.sent += 1;
        self.readers[r].send(batch).is_ok()
    }

    /// The batches are small (no texts yet), so all of them are dealt at once, each
    /// person whole to the reader with the least work so far, the biggest first.
    fn deal_by_person(&self, batches: Vec<Batch>) {
        let mut by_person: Vec<(String, Vec<Batch>)> = Vec::new();
        for b in batches {
            match by_person.iter_mut().find(|(k, _)| *k == b.key) {
                Some((_, list)) => list.push(b),
                None => by_person.push((b.key.clone(), vec![b])),
            }
        }
        let work = |list: &[Batch]| list.iter().map(|b| b.changes.len()).sum::<usize>();
        by_person.sort_by_key(|(_, list)| std::cmp::Reverse(work(list)));
        let mut loads = vec![0usize; self.readers.len()];
        for (_, list) in by_person {
            let r = (0..loads.len()).min_by_key(|&r| loads[r]).unwrap_or(0);
            loads[r] += work(&list);
            for b in list {
                if self.readers[r].send(b).is_err() {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str], stdin: Option<&str>) -> String {
        use std::io::Write;
        let mut cmd = std::process::Command::new("git");
        cmd.args(args)
            .current_dir(dir)
            .env("HOME", dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("git runs");
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())
                .expect("writes");
        }
        let out = child.wait_with_output().expect("git finishes");
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    }

    #[test]
    fn read_order_follows_how_packs_deltify_revisions() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        git(dir, &["init", "-q", "-b", "main"], None);
        // Two files that share most lines (as running documents do) edited in turn:
        // fast-import deltifies each blob against the one written just before it, the
        // other file's; `git repack` deltifies each file's revisions against one another.
        let mut stream = String::new();
        let mut texts = [String::new(), String::new()];
        let body = |f: usize| -> String {
            (0..200)
                .map(|i| {
                    format!(
                        "- {} {i} {}\n",
                        ["alpha", "omega"][f * usize::from(i > 190)],
                        i * 7919 % 1013
                    )
                })
                .collect()
        };
        for n in 0..80 {
            let f = n % 2;
            texts[f] = format!("- {n}: {}\n{}", ["a", "b"][f], texts[f]);
            let data = format!("{}{}", texts[f], body(f));
            stream.push_str(&format!(
                "commit refs/heads/main\ncommitter T <t@e> {} +0000\ndata 1\nx\nM 100644 inline f{f}.md\ndata {}\n{data}\n",
                1_700_000_000 + n,
                data.len()
            ));
        }
        git(dir, &["fast-import", "--quiet"], Some(&stream));
        let log = git(
            dir,
            &["log", "--reverse", "--raw", "--no-abbrev", "--format="],
            None,
        );
        let samples: Vec<Oid> = log
            .lines()
            .filter_map(|l| Oid::from_str(l.split_whitespace().nth(3)?).ok())
            .take(ORDER_SAMPLES)
            .collect();
        assert_eq!(samples.len(), ORDER_SAMPLES);
        let common = dir.join(".git");
        assert_eq!(ReadOrder::probe(&common, &samples), ReadOrder::Commits);
        git(dir, &["repack", "-adfq"], None);
        assert_eq!(ReadOrder::probe(&common, &samples), ReadOrder::Persons);
    }
}
