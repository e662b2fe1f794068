//! People's names: slugs for any script, the first-name rule, and the one lookup every
//! command and tool uses to find a person from what the user typed.

/// Makes a slug from a name in any script: transliterated to ASCII (`Zoë Ødegaard` →
/// `zoe-odegaard`, `王小明` → `wang-xiao-ming`, `Анна` → `anna`), lowercased, other
/// characters dropped, runs of separators made one `-`. The result may be empty.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '/' | '\\' | '\'' | '’') {
            pending_dash = true;
        }
    };
    for c in name.chars() {
        if c.is_ascii() {
            push(c, &mut out);
            continue;
        }
        // A syllable of a CJK name comes back as "Wang ", so the space parts the syllables.
        match deunicode::deunicode_char(c) {
            Some(ascii) => ascii.chars().for_each(|a| push(a, &mut out)),
            None => push(' ', &mut out),
        }
    }
    out
}

/// The first name of a `person:` value: its first word (the whole value when it has
/// none). `### <first name>'s Actions` holds that person's items.
pub fn first_name(person: &str) -> &str {
    person.split_whitespace().next().unwrap_or(person)
}

/// Someone a query can match: a slug and, when the document names one, `person:`.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The file stem, e.g. `maria-lopez`.
    pub slug: &'a str,
    /// `person:`, e.g. `Maria Lopez`.
    pub name: Option<&'a str>,
}

/// What a query matched, as indexes into the candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly one person.
    Found(usize),
    /// Several people; each of them.
    Ambiguous(Vec<usize>),
    /// Nobody; the closest candidates, best first (empty when none is close).
    Unknown(Vec<usize>),
}

/// Finds a person by slug, unique slug prefix, `person:` name, first name or surname,
/// case-insensitively (SPEC 2, 12). An exact slug or full name wins over partial matches,
/// so `sarah` finds `sarah` even when `sarah-chen` exists too.
pub fn lookup(candidates: &[Candidate<'_>], query: &str) -> Lookup {
    let q = query.trim().to_lowercase();
    let q_slug = slugify(&q);
    let names: Vec<Option<String>> = candidates
        .iter()
        .map(|c| c.name.map(|n| n.trim().to_lowercase()))
        .collect();
    let all = 0..candidates.len();
    let exact: Vec<usize> = all
        .clone()
        .filter(|&i| candidates[i].slug == q || names[i].as_deref() == Some(q.as_str()))
        .collect();
    let found = if exact.is_empty() {
        all.clone()
            .filter(|&i| {
                let c = &candidates[i];
                let words = name_words(c, names[i].as_deref());
                (!q_slug.is_empty() && c.slug.starts_with(&q_slug))
                    || names[i].as_deref().is_some_and(|n| n.starts_with(&q))
                    || words.first() == Some(&q_slug)
                    || (words.len() > 1 && words.last() == Some(&q_slug))
            })
            .collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Lookup::Found(*one),
        [] => Lookup::Unknown(suggestions(candidates, &names, &q_slug)),
        _ => Lookup::Ambiguous(found),
    }
}

/// The words a person goes by, as slugs: those of `person:`, else those of the slug.
fn name_words(c: &Candidate<'_>, name: Option<&str>) -> Vec<String> {
    let source = name.map_or_else(|| c.slug.to_owned(), slugify);
    source
        .split('-')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The candidates close to a query that matched nobody: a slug, name or name word within
/// a few typing mistakes of it, or holding it; closest first.
fn suggestions(candidates: &[Candidate<'_>], names: &[Option<String>], q_slug: &str) -> Vec<usize> {
    if q_slug.is_empty() {
        return Vec::new();
    }
    // One mistake in a short name, about one in three in a long one.
    let allowed = (q_slug.len() / 3).max(1);
    let mut scored: Vec<(usize, usize)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let mut keys = name_words(c, names[i].as_deref());
            keys.push(c.slug.to_owned());
            if c.slug.contains(q_slug) {
                return Some((0, i));
            }
            let best = keys.iter().map(|k| distance(k, q_slug)).min()?;
            (best <= allowed).then_some((best, i))
        })
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Edit distance between two slugs, a swap of neighbours counting as one mistake
/// (optimal string alignment), since `mraia` for `maria` is one slip of the fingers.
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = best;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Candidate<'static>> {
        vec![
            Candidate {
                slug: "maria-lopez",
                name: Some("Maria Lopez"),
            },
            Candidate {
                slug: "sarah-chen",
                name: Some("Sarah Chen"),
            },
            Candidate {
                slug: "sarah",
                name: None,
            },
            Candidate {
                slug: "wang-xiao-ming",
                name: Some("王小明"),
            },
            Candidate {
                slug: "dev-patel",
                name: None,
            },
        ]
    }

    #[test]
    fn lookup_finds_by_slug_prefix_name_and_surname() {
        let p = people();
        assert_eq!(lookup(&p, "maria-lopez"), Lookup::Found(0));
        assert_eq!(lookup(&p, "MARIA"), Lookup::Found(0));
        assert_eq!(lookup(&p, "lopez"), Lookup::Found(0));
        assert_eq!(lookup(&p, "Maria Lopez"), Lookup::Found(0));
        assert_eq!(lookup(&p, "chen"), Lookup::Found(1));
        assert_eq!(lookup(&p, "sarah"), Lookup::Found(2));
        assert_eq!(lookup(&p, "王小明"), Lookup::Found(3));
        assert_eq!(lookup(&p, "ming"), Lookup::Found(3));
        assert_eq!(lookup(&p, "patel"), Lookup::Found(4));
    }

    #[test]
    fn lookup_reports_ambiguous_prefixes() {
        let p = people();
        assert_eq!(lookup(&p, "sa"), Lookup::Ambiguous(vec![1, 2]));
    }

    #[test]
    fn lookup_suggests_close_names_for_unknown() {
        let p = people();
        assert_eq!(lookup(&p, "lopes"), Lookup::Unknown(vec![0]));
        assert_eq!(lookup(&p, "Mraia"), Lookup::Unknown(vec![0]));
        assert_eq!(lookup(&p, "chn"), Lookup::Unknown(vec![1]));
        assert_eq!(lookup(&p, "zebulon"), Lookup::Unknown(vec![]));
    }

    #[test]
    fn slugify_transliterates_any_script() {
        for (name, slug) in [
            ("Sarah Chen", "sarah-chen"),
            ("王小明", "wang-xiao-ming"),
            ("Zoë Ødegaard", "zoe-odegaard"),
            ("Nguyễn", "nguyen"),
            ("Nguyễn Văn An", "nguyen-van-an"),
            ("Анна Иванова", "anna-ivanova"),
            ("Σοφία Παπαδοπούλου", "sophia-papadopoulou"),
            ("  José  Álvarez-Núñez ", "jose-alvarez-nunez"),
            ("Zoë O'Brien", "zoe-o-brien"),
            ("../etc/passwd", "etc-passwd"),
            ("AT&T", "att"),
        ] {
            assert_eq!(slugify(name), slug, "{name:?}");
        }
    }

    #[test]
    fn first_name_is_the_first_word() {
        assert_eq!(first_name("Sarah Chen"), "Sarah");
        assert_eq!(first_name("  Dee  "), "Dee");
        assert_eq!(first_name(""), "");
    }
}
