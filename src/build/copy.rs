//! COPY and ADD: sources from the context (or a stage or image with
//! `--from`, or heredocs), hashed for the cache key, written into the step
//! container's root as a tar whose names are their destinations.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::container::{self, Process, StepContainer};
use super::dockerfile::{Source, Step};
use super::shell::Lex;
use super::sources::{self, Attrs, EntryWriter, Tree};
use super::stage::{lex_err, normalize, StageRun};
use super::State;
use crate::error::{Error, Result};
use crate::storage::buildcache::Key;

impl StageRun<'_, '_> {
    pub(super) fn copy(
        &mut self,
        step: &Step,
        add: bool,
        flags: &[(String, String)],
        srcs: &[Source],
        dest: &str,
    ) -> Result<()> {
        let word = if add { "ADD" } else { "COPY" };
        let flag = |name: &str| flags.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        for (k, _) in flags {
            if !matches!(
                k.as_str(),
                "from"
                    | "chown"
                    | "chmod"
                    | "link"
                    | "parents"
                    | "exclude"
                    | "checksum"
                    | "keep-git-dir"
                    | "unpack"
            ) {
                return Err(Error::InvalidArgument(format!("unknown flag: {k}")));
            }
        }
        let chown = flag("chown").map(|c| self.expand(&c)).transpose()?;
        let chmod = flag("chmod").map(|c| self.expand(&c)).transpose()?;
        let mode = chmod
            .as_deref()
            .map(|m| {
                u32::from_str_radix(m, 8).ok().filter(|m| *m <= 0o7777).ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "invalid chmod parameter: '{m}'. it should be octal string and between 0 and 07777"
                    ))
                })
            })
            .transpose()?;
        let dest_raw = self.expand(dest)?;
        let workdir = self.state.config.config.working_dir.clone().unwrap_or_else(|| "/".into());
        let dest_dir_syntax = dest_raw.ends_with('/') || dest_raw == "." || dest_raw.ends_with("/.");
        let dest_abs = normalize(&workdir, &dest_raw);
        let from = flag("from");
        let source = match &from {
            None => None,
            Some(f) => Some(self.source_root(f)?),
        };
        let mut created_by = String::from(word);
        if let Some(c) = &chown {
            created_by.push_str(&format!(" --chown={c}"));
        }
        if let Some(c) = &chmod {
            created_by.push_str(&format!(" --chmod={c}"));
        }
        let mut paths = Vec::new();
        let mut urls = Vec::new();
        let mut docs = Vec::new();
        for s in srcs {
            match s {
                Source::Path(p) => {
                    let p = self.expand(p)?;
                    created_by.push_str(&format!(" {p}"));
                    if is_git(&p) {
                        return Err(Error::InvalidArgument(format!(
                            "{p}: git sources are not supported by rdock: clone in a RUN step or beside the build"
                        )));
                    }
                    if p.starts_with("http://") || p.starts_with("https://") {
                        if !add {
                            return Err(Error::InvalidArgument("source can't be a URL for COPY".into()));
                        }
                        urls.push(p);
                    } else {
                        paths.push(p);
                    }
                }
                Source::Heredoc { name, content, expand } => {
                    created_by.push_str(&format!(" <<{name}"));
                    let content = if *expand { self.expand_heredoc(content)? } else { content.clone() };
                    docs.push((name.clone(), content));
                }
            }
        }
        created_by.push_str(&format!(" {dest_raw} # buildkit"));
        let checksum = flag("checksum");
        if checksum.is_some() {
            if !add {
                return Err(Error::InvalidArgument("checksum can't be specified for COPY".into()));
            }
            if urls.len() != 1 || !paths.is_empty() || !docs.is_empty() {
                return Err(Error::InvalidArgument(
                    "checksum requires HTTP(S) or Git sources and can't be specified for multiple sources"
                        .into(),
                ));
            }
        }
        let wildcard = paths.iter().any(|p| super::pattern::has_meta(p));
        let many = paths.len() + urls.len() + docs.len() > 1 || wildcard;
        // The source tree: the context, or what --from names, mounted.
        let tree_root = source.as_ref().map(|s| s.root.as_path()).unwrap_or(&self.b.context.dir);
        let tree = Tree {
            root: crate::storage::inroot::InRoot::open(tree_root)
                .map_err(|e| Error::io("opening the build context", e))?,
            ignore: if from.is_some() { None } else { self.b.ignore.as_ref() },
        };
        let mut found: Vec<(sources::Found, &Tree)> = Vec::new();
        for p in &paths {
            found.extend(tree.find(p)?.into_iter().map(|f| (f, &tree)));
        }
        let downloads = if urls.is_empty() { None } else { Some(Downloads::new(self.b.store)?) };
        let mut fetched = Vec::new();
        for (n, url) in urls.iter().enumerate() {
            let d = downloads.as_ref().expect("made for the urls");
            fetched.push(d.fetch(url, n, checksum.as_deref())?);
        }
        let remote = fetched.len();
        if let Some(d) = &downloads {
            found.extend(fetched.into_iter().map(|f| (f, &d.tree)));
        }
        let remote: Vec<bool> = (0..found.len()).map(|i| i + remote >= found.len()).collect();
        let mut key = Key::new(&self.key);
        key.add(word).add(&dest_abs).add(&format!("{dest_dir_syntax}{many}"));
        key.add(chown.as_deref().unwrap_or("")).add(chmod.as_deref().unwrap_or(""));
        let mut all_items = Vec::new();
        let excludes: Vec<String> =
            flags.iter().filter(|(k, _)| k == "exclude").map(|(_, v)| v.clone()).collect();
        let exclude = if excludes.is_empty() {
            None
        } else {
            let patterns: Vec<String> = excludes.iter().map(|e| self.expand(e)).collect::<Result<_>>()?;
            Some(super::ignore::PatternMatcher::new(&patterns).map_err(Error::InvalidArgument)?)
        };
        let parents = flag("parents").is_some_and(|v| v != "false");
        if parents {
            created_by = created_by.replacen(word, &format!("{word} --parents"), 1);
        }
        for (i, (f, tree)) in found.iter().enumerate() {
            let tree = *tree;
            let mut items = tree.items(f)?;
            if let Some(m) = &exclude {
                let excluded =
                    |rel: &str| !rel.is_empty() && m.matches_or_parent_matches(rel).unwrap_or(false);
                if excluded(&f.name) && items.first().is_some_and(|i| !i.meta.is_dir()) {
                    continue;
                }
                items.retain(|i| !excluded(&i.sub.to_string_lossy()));
            }
            let mut h = Sha256::new();
            for item in &items {
                sources::hash_item(&mut h, tree, item)?;
            }
            // Remote archives are not unpacked (BuildKit's rule).
            let archive = add
                && !remote[i]
                && f.meta.is_file()
                && items
                    .first()
                    .map(|i| tree.locate(i))
                    .transpose()?
                    .is_some_and(|at| sources::is_archive(&at.path));
            key.add(&f.name).add(&f.rel).add(&hex::encode(h.finalize())).add(if archive {
                "unpack"
            } else {
                "copy"
            });
            key.add(if parents { "parents" } else { "" });
            all_items.push((f, tree, items, archive));
        }
        for (name, content) in &docs {
            key.add(name).add(content);
        }
        let result = self.layer_step(step, key, created_by, |this, _| {
            let c = StepContainer::create(this.b.store, &this.state, &Process::file_op())?;
            c.with_root(|root| {
                let owner = match &chown {
                    Some(spec) => {
                        let u = crate::runtime::users::resolve_user(root, spec)?;
                        Some((u.uid, u.gid))
                    }
                    None => None,
                };
                let attrs = Attrs { owner, mode };
                let dest_is_dir = dest_dir_syntax
                    || many
                    || crate::runtime::copy::stat_in_root(root, &dest_abs, true).is_some_and(|m| m.is_dir());
                container::unpack_into(root, |w| {
                    let mut out = EntryWriter::new(w);
                    let mut made = std::collections::HashSet::new();
                    let dest_rel = dest_abs.trim_start_matches('/').to_string();
                    for (f, tree, items, archive) in &all_items {
                        let is_dir = f.meta.is_dir();
                        let base = if parents {
                            // --parents keeps the source's path (after a `/./` pivot).
                            join(&dest_rel, &kept_path(&f.rel, &f.pattern))
                        } else if is_dir || *archive || !dest_is_dir {
                            dest_rel.clone()
                        } else {
                            join(&dest_rel, &f.name)
                        };
                        let parent_of = if is_dir || *archive { base.clone() } else { parent(&base) };
                        ensure_dirs(root, &parent_of, attrs, &mut out, &mut made)?;
                        if *archive {
                            let at = tree.locate(&items[0])?;
                            out.add_archive(&base, &at.path, Attrs { owner, mode: None })?;
                            continue;
                        }
                        for item in items {
                            if item.sub.as_os_str().is_empty() && is_dir {
                                continue;
                            }
                            let target = join(&base, &item.sub.to_string_lossy());
                            out.add(&target, tree, item, attrs)?;
                        }
                    }
                    for (name, content) in &docs {
                        let target = if dest_is_dir { join(&dest_rel, name) } else { dest_rel.clone() };
                        ensure_dirs(root, &parent(&target), attrs, &mut out, &mut made)?;
                        let now = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map(|d| d.as_secs())
                            .unwrap_or(0);
                        out.add_bytes(&target, content.as_bytes(), 0o644, now, attrs)?;
                    }
                    out.finish().map(drop)
                })
            })?;
            c.layer()
        });
        drop(tree);
        drop(source);
        result
    }

    fn expand_heredoc(&self, content: &str) -> Result<String> {
        let mut lex = Lex::new(self.b.df.escape);
        lex.raw_quotes = true;
        Ok(lex.process_word(content, &self.vars()).map_err(lex_err)?.result)
    }

    /// An image named by `COPY --from`, pulled if missing.
    fn image_state(&self, name: &str) -> Result<State> {
        let reference = crate::image::reference::Reference::parse(name)?.with_default_tag();
        let image = self.b.image(&reference)?;
        let config = crate::image::load_config(self.b.store, &image)?;
        Ok(State { layers: image.layers, config, keys: Vec::new() })
    }
}

/// Directories up to `rel` that the image lacks, as entries (parents first).
fn ensure_dirs<W: std::io::Write>(
    root: &Path,
    rel: &str,
    attrs: Attrs,
    out: &mut EntryWriter<W>,
    made: &mut std::collections::HashSet<String>,
) -> Result<()> {
    let mut path = String::new();
    for comp in rel.split('/').filter(|c| !c.is_empty()) {
        path = join(&path, comp);
        if made.contains(&path) {
            continue;
        }
        if crate::runtime::copy::stat_in_root(root, &path, true).is_none() {
            if crate::runtime::copy::stat_in_root(root, &path, false).is_some() {
                // A link to nothing: what it names is made, inside the root, as
                // BuildKit follows links in scope.
                crate::runtime::copy::mkdir_in_root(root, &path)?;
            } else {
                out.add_dir(&path, Attrs { owner: attrs.owner, mode: None })?;
            }
        }
        made.insert(path.clone());
    }
    Ok(())
}

fn join(base: &str, name: &str) -> String {
    match (base.is_empty(), name.is_empty()) {
        (true, _) => name.to_string(),
        (_, true) => base.to_string(),
        _ => format!("{}/{name}", base.trim_end_matches('/')),
    }
}

fn parent(rel: &str) -> String {
    rel.rsplit_once('/').map(|(p, _)| p.to_string()).unwrap_or_default()
}

/// A source BuildKit would fetch with git rather than HTTP.
fn is_git(src: &str) -> bool {
    let base = src.split(['#', '?']).next().unwrap_or(src);
    src.starts_with("git://")
        || src.starts_with("git@")
        || ((src.starts_with("https://") || src.starts_with("http://") || src.starts_with("ssh://"))
            && base.trim_end_matches('/').ends_with(".git"))
}

/// The part of a found source's path `--parents` keeps: all of it, or what
/// follows a `/./` in the source as written.
fn kept_path(rel: &str, pattern: &str) -> String {
    match pattern.split_once("/./") {
        Some((pivot, _)) => {
            let pivot = pivot.trim_start_matches("./").trim_matches('/');
            rel.strip_prefix(pivot)
                .map(|r| r.trim_start_matches('/').to_string())
                .unwrap_or_else(|| rel.to_string())
        }
        None => rel.to_string(),
    }
}

/// Files ADD downloads, in a temp dir of the store removed when dropped.
struct Downloads {
    dir: std::path::PathBuf,
    tree: Tree<'static>,
}

impl Drop for Downloads {
    fn drop(&mut self) {
        let _ = crate::util::remove_dir_all(&self.dir);
    }
}

impl Downloads {
    fn new(store: &crate::storage::Store) -> Result<Downloads> {
        let dir = store.root.join(format!(".tmp-{}-add-{}", std::process::id(), crate::util::random_hex(4)));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("saving a download", e))?;
        let root = crate::storage::inroot::InRoot::open(&dir).map_err(|e| Error::io("saving a download", e));
        let root = match root {
            Ok(r) => r,
            Err(e) => {
                let _ = crate::util::remove_dir_all(&dir);
                return Err(e);
            }
        };
        Ok(Downloads { dir, tree: Tree { root, ignore: None } })
    }

    /// Downloads `url` (checked against `checksum`, `sha256:…`) as a file
    /// named after the URL's last path component, mode 0600 as BuildKit
    /// makes it; `n` keeps downloads of one step apart.
    fn fetch(&self, url: &str, n: usize, checksum: Option<&str>) -> Result<sources::Found> {
        use std::io::{Read, Write};
        use std::os::unix::fs::PermissionsExt;
        let path_part = url.split("://").nth(1).and_then(|r| r.split_once('/')).map(|(_, p)| p).unwrap_or("");
        let path_part = path_part.split(['?', '#']).next().unwrap_or("");
        let name = match path_part.trim_end_matches('/').rsplit('/').next() {
            Some(n) if !n.is_empty() && n != "." && n != ".." => n.to_string(),
            _ => "__unnamed__".to_string(),
        };
        let sub = self.dir.join(n.to_string());
        std::fs::create_dir_all(&sub).map_err(|e| Error::io("saving a download", e))?;
        let mut body = crate::image::registry::download(url)?;
        let target = sub.join(&name);
        let mut out = std::fs::File::create(&target).map_err(|e| Error::io("saving a download", e))?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 64 << 10];
        loop {
            let n = body.read(&mut buf).map_err(|e| Error::io("reading a download", e))?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(|e| Error::io("saving a download", e))?;
        }
        let digest = format!("sha256:{}", hex::encode(h.finalize()));
        if let Some(want) = checksum {
            if want != digest {
                return Err(Error::InvalidArgument(format!("digest mismatch {digest}: {want}")));
            }
        }
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io("saving a download", e))?;
        let rel = format!("{n}/{name}");
        let mut found = self.tree.find(&rel)?;
        let mut f = found.pop().ok_or_else(|| sources::not_found(&name))?;
        f.name = name;
        Ok(f)
    }
}

impl<'b> StageRun<'_, 'b> {
    /// What `--from=NAME` (or a mount's `from=`) names: a `--build-context`
    /// directory, or the layers of a `docker-image://` context, an earlier
    /// stage or an image.
    fn source(&self, name: &str) -> Result<Named> {
        Ok(match self.b.opts.build_contexts.get(name) {
            Some(v) => match v.strip_prefix("docker-image://") {
                Some(image) => Named::Layers(Box::new(self.image_state(image)?)),
                None => Named::Dir(std::path::PathBuf::from(v)),
            },
            None => Named::Layers(Box::new(match self.b.stage_named(name, self.index) {
                Some(j) => self.b.wait_stage(j)?.state,
                None => self.image_state(name)?,
            })),
        })
    }

    /// What identifies the content `--from=NAME` names, for cache keys
    /// (nothing mounted).
    pub(super) fn source_key(&self, name: &str) -> Result<String> {
        Ok(match self.source(name)? {
            Named::Dir(d) => format!("dir:{}", d.display()),
            Named::Layers(state) => {
                state.layers.iter().map(|l| l.diff_id.as_str()).collect::<Vec<_>>().join(",")
            }
        })
    }

    /// The tree `--from=NAME` names, mounted (or the context's directory) for reading.
    pub(super) fn source_root(&self, name: &str) -> Result<SourceRoot<'b>> {
        let state = match self.source(name)? {
            Named::Dir(root) => return Ok(SourceRoot { root, _container: None }),
            Named::Layers(state) => state,
        };
        let c = StepContainer::create(self.b.store, &state, &Process::file_op())?;
        let root = self.b.store.mount_rootfs(&c.config.id, &c.config.layers, None)?;
        Ok(SourceRoot { root, _container: Some(c) })
    }
}

enum Named {
    Dir(std::path::PathBuf),
    Layers(Box<State>),
}

/// A tree `--from` reads; a stage's or image's stays mounted while this lives.
pub(super) struct SourceRoot<'a> {
    pub root: std::path::PathBuf,
    _container: Option<StepContainer<'a>>,
}
