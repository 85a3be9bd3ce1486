//! The image commands beyond pull: push, save/load, import/export, commit,
//! diff, tag, rmi, prune, history, search, system df, and a TLS registry with
//! basic auth for login/logout.

use std::path::Path;
use std::process::Command;

use crate::support::{image, temp_dir, Rdock, Registry, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("image_cmds::push_then_pull_by_digest", push_then_pull_by_digest),
    ("image_cmds::manifest_lists", manifest_lists),
    ("image_cmds::save_load_run", save_load_run),
    ("image_cmds::load_docker_legacy_archive", load_docker_legacy_archive),
    ("image_cmds::load_refuses_evil_archive", load_refuses_evil_archive),
    ("image_cmds::export_import_run", export_import_run),
    ("image_cmds::commit_and_diff", commit_and_diff),
    ("image_cmds::tag_rmi_prune_gc", tag_rmi_prune_gc),
    ("image_cmds::history_and_filters", history_and_filters),
    ("image_cmds::zstd_layers", zstd_layers),
    ("image_cmds::search_and_df", search_and_df),
    ("image_cmds::tls_registry_login", tls_registry_login),
    ("image_cmds::docker_io_mirror", docker_io_mirror),
];

/// A unique repository name per call (each pass starts its own registry, so a
/// counter in this process is enough).
fn repo(tag: &str) -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}/{tag}-{n}", image("").trim_end_matches('/'))
}

fn blob_count(r: &Rdock) -> usize {
    std::fs::read_dir(r.root.join("blobs/sha256"))
        .map(|d| d.flatten().filter(|e| !e.file_name().to_string_lossy().starts_with('.')).count())
        .unwrap_or(0)
}

fn push_then_pull_by_digest() -> TestResult {
    let r = Rdock::new();
    let src = r.pull("multi")?;
    let target = repo("pushed");
    r.out(&["tag", &src, &format!("{target}:v1")])?;
    let out = r.run(&["push", &format!("{target}:v1")]);
    check_eq!(out.code, 0);
    check!(out.stdout.contains(&format!("The push refers to repository [{target}]")), "{}", out.stdout);
    // Layers the registry has in another repository are mounted, not uploaded.
    check!(out.stdout.contains("Mounted from"), "{}", out.stdout);
    let digest_line = out.stdout.lines().find(|l| l.starts_with("v1: digest: ")).unwrap_or_default();
    let digest = digest_line.split_whitespace().nth(2).unwrap_or_default().to_string();
    check!(digest.starts_with("sha256:"), "{}", out.stdout);
    // The same manifest as the source: its bytes were pushed as they were.
    check_eq!(digest, crate::support::manifest_digest("multi"));
    let again = r.run(&["push", &format!("{target}:v1")]);
    check_eq!(again.code, 0);
    check!(again.stdout.contains("Layer already exists"), "{}", again.stdout);

    let fresh = Rdock::new();
    let by_digest = format!("{target}@{digest}");
    fresh.out(&["pull", "-q", &by_digest])?;
    check_eq!(fresh.inspect(&by_digest)?["Id"], r.inspect(&src)?["Id"]);
    check_eq!(fresh.inspect(&by_digest)?["RootFS"], r.inspect(&src)?["RootFS"]);
    check_eq!(
        fresh.out(&["run", "--rm", &by_digest, "cat", "/data/kept"])?,
        r.out(&["run", "--rm", &src, "cat", "/data/kept"])?
    );
    // A name that does not exist locally.
    let missing = r.run(&["push", &format!("{target}:nope")]);
    check_eq!(missing.code, 1);
    check!(missing.stderr.contains("No such image"), "{}", missing.stderr);
    Ok(())
}

fn save_load_run() -> TestResult {
    let r = Rdock::new();
    let bb = r.pull("busybox")?;
    let multi = r.pull("multi")?;
    r.out(&["tag", &bb, "local/box:one"])?;
    let dir = temp_dir("save");
    let archive = dir.join("images.tar");
    let path = archive.to_string_lossy().into_owned();
    r.out(&["save", "-o", &path, &bb, "local/box:one", &multi])?;
    // Docker 25's layout: OCI index and blobs plus manifest.json and repositories.
    let names = tar_names(&archive)?;
    for want in ["index.json", "manifest.json", "oci-layout", "repositories"] {
        check!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
    }
    let manifest: serde_json::Value = serde_json::from_slice(&tar_file(&archive, "manifest.json")?)?;
    check_eq!(manifest.as_array().map(Vec::len), Some(2));
    check_eq!(
        manifest[0]["RepoTags"],
        serde_json::json!([crate::support::image("busybox") + ":latest", "local/box:one"])
    );
    // Shared blobs are written once.
    let blobs: Vec<&String> = names.iter().filter(|n| n.starts_with("blobs/sha256/")).collect();
    let mut unique = blobs.clone();
    unique.dedup();
    check_eq!(blobs.len(), unique.len());

    // Into an empty store: from a file, and gzip-compressed from stdin.
    let other = Rdock::new();
    let out = other.out(&["load", "-i", &path])?;
    check!(out.contains("Loaded image: local/box:one"), "{out}");
    check!(out.contains(&format!("Loaded image: {multi}:latest")), "{out}");
    check_eq!(other.inspect("local/box:one")?["Id"], r.inspect(&bb)?["Id"]);
    check_eq!(other.out(&["run", "--rm", "local/box:one", "echo", "loaded"])?, "loaded");
    check_eq!(
        other.out(&["run", "--rm", &multi, "cat", "/data/kept"])?,
        r.out(&["run", "--rm", &multi, "cat", "/data/kept"])?
    );
    // Pushing what was loaded keeps the pulled digest (manifest bytes kept).
    check_eq!(other.inspect(&multi)?["RepoDigests"].as_array().map(Vec::len), Some(0));

    let gz = Command::new("gzip").arg("-c").arg(&archive).output()?;
    check!(gz.status.success());
    let third = Rdock::new();
    let out = third.run_input(&["load"], &gz.stdout);
    check_eq!(out.code, 0);
    check!(out.stdout.contains("Loaded image: local/box:one"), "{}", out.stdout);
    check_eq!(third.out(&["images", "--format", "{{.Repository}}:{{.Tag}}"])?.lines().count(), 3);

    // Saving by id carries no tags; loading it prints the id.
    let id = r.inspect(&bb)?["Id"].as_str().unwrap_or_default().to_string();
    let by_id = dir.join("byid.tar");
    r.out(&["save", "-o", &by_id.to_string_lossy(), &id])?;
    let fourth = Rdock::new();
    check_eq!(fourth.out(&["load", "-i", &by_id.to_string_lossy()])?, format!("Loaded image ID: {id}"));
    // Errors: a missing image leaves no partial file; a terminal is refused.
    let bad = dir.join("bad.tar");
    let out = r.run(&["save", "-o", &bad.to_string_lossy(), "nosuch:image"]);
    check_eq!(out.code, 1);
    check!(!bad.exists() && !dir.join("bad.tar.rdock-partial").exists());
    let out = fourth.run(&["load", "-i", &dir.join("absent.tar").to_string_lossy()]);
    check_eq!(out.code, 1);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tar_names(path: &Path) -> Result<Vec<String>, libtest_mimic::Failed> {
    let mut a = tar::Archive::new(std::fs::File::open(path)?);
    let mut out = Vec::new();
    for e in a.entries()? {
        out.push(e?.path()?.to_string_lossy().into_owned());
    }
    Ok(out)
}

fn tar_file(path: &Path, name: &str) -> Result<Vec<u8>, libtest_mimic::Failed> {
    use std::io::Read;
    let mut a = tar::Archive::new(std::fs::File::open(path)?);
    for e in a.entries()? {
        let mut e = e?;
        if e.path()?.to_string_lossy() == name {
            let mut data = Vec::new();
            e.read_to_end(&mut data)?;
            return Ok(data);
        }
    }
    Err(format!("{name} not in {}", path.display()).into())
}

/// A tar built entry by entry: (name, data) files and (name, target) symlinks.
fn make_tar(path: &Path, files: &[(&str, &[u8])], links: &[(&str, &str)]) -> TestResult {
    let mut b = tar::Builder::new(std::fs::File::create(path)?);
    for (name, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        // Names are set raw: the tar crate refuses `..` in set_path.
        h.as_gnu_mut().ok_or("gnu header")?.name[..name.len()].copy_from_slice(name.as_bytes());
        h.set_cksum();
        b.append(&h, *data)?;
    }
    for (name, target) in links {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        h.set_mode(0o777);
        h.as_gnu_mut().ok_or("gnu header")?.name[..name.len()].copy_from_slice(name.as_bytes());
        h.set_link_name(target)?;
        h.set_cksum();
        b.append(&h, std::io::empty())?;
    }
    b.finish()?;
    Ok(())
}

/// The pre-25 `docker save` layout (and Podman's docker-archive): a config
/// file, `ID/layer.tar` dirs, a second image's layer as a symlink to the first.
fn load_docker_legacy_archive() -> TestResult {
    let r = Rdock::new();
    let bb = r.pull("busybox")?;
    let dir = temp_dir("legacy");
    let saved = dir.join("saved.tar");
    r.out(&["save", "-o", &saved.to_string_lossy(), &bb])?;
    let manifest: serde_json::Value = serde_json::from_slice(&tar_file(&saved, "manifest.json")?)?;
    let config_path = manifest[0]["Config"].as_str().unwrap_or_default().to_string();
    let layer_path = manifest[0]["Layers"][0].as_str().unwrap_or_default().to_string();
    let config = tar_file(&saved, &config_path)?;
    let layer = tar_file(&saved, &layer_path)?;
    let config_hex = config_path.rsplit('/').next().unwrap_or_default().to_string();
    let legacy_manifest = serde_json::json!([
        {"Config": format!("{config_hex}.json"), "RepoTags": ["legacy/one:1"], "Layers": ["aaa/layer.tar"]},
        {"Config": format!("{config_hex}.json"), "RepoTags": ["legacy/two:2"], "Layers": ["bbb/layer.tar"]},
    ]);
    let archive = dir.join("legacy.tar");
    let manifest_bytes = serde_json::to_vec(&legacy_manifest)?;
    let config_name = format!("{config_hex}.json");
    make_tar(
        &archive,
        &[("aaa/layer.tar", &layer), (&config_name, &config), ("manifest.json", &manifest_bytes)],
        &[("bbb/layer.tar", "../aaa/layer.tar")],
    )?;
    let fresh = Rdock::new();
    let out = fresh.out(&["load", "-i", &archive.to_string_lossy()])?;
    check!(out.contains("Loaded image: legacy/one:1") && out.contains("Loaded image: legacy/two:2"), "{out}");
    check_eq!(fresh.inspect("legacy/two:2")?["Id"], r.inspect(&bb)?["Id"]);
    check_eq!(fresh.out(&["run", "--rm", "legacy/one:1", "echo", "ok"])?, "ok");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn load_refuses_evil_archive() -> TestResult {
    let r = Rdock::new();
    let dir = temp_dir("evilarch");
    let escape =
        format!("../../../../tmp/rdock-evil-load-{}", dir.file_name().unwrap_or_default().to_string_lossy());
    type Case<'a> = (&'a str, Vec<(&'a str, &'a [u8])>, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        ("traversal", vec![(escape.as_str(), b"x".as_slice())], vec![], "escapes the archive"),
        ("link", vec![], vec![("manifest.json", "/etc/passwd")], "no such file"),
        ("uplink", vec![], vec![("manifest.json", "../../../etc/passwd")], "escapes the archive"),
        ("empty", vec![("manifest.json", b"[]".as_slice())], vec![], "no images"),
        ("garbage", vec![("manifest.json", b"{".as_slice())], vec![], "invalid archive"),
    ];
    for (name, files, links, message) in cases {
        let path = dir.join(format!("{name}.tar"));
        make_tar(&path, &files, &links)?;
        let out = r.run(&["load", "-i", &path.to_string_lossy()]);
        check_eq!(out.code, 1);
        check!(out.stderr.to_lowercase().contains(message), "{name}: {}", out.stderr);
        check_eq!(out.stderr.trim().lines().count(), 1);
    }
    check!(!Path::new(&escape.replace("../", "/").replace("//", "/")).exists());
    check_eq!(r.out(&["images", "-q"])?, "");
    // Nothing left in the store's temp dir.
    let leftovers = std::fs::read_dir(r.root.join("tmp")).map(|d| d.count()).unwrap_or(0);
    check_eq!(leftovers, 0);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn export_import_run() -> TestResult {
    let r = Rdock::new();
    let bb = r.pull("busybox")?;
    r.out(&[
        "run",
        "--name",
        "src",
        &bb,
        "sh",
        "-c",
        "mkdir -p /made && echo exported > /made/file && rm /etc/group",
    ])?;
    let dir = temp_dir("export");
    let tarball = dir.join("fs.tar");
    r.out(&["export", "-o", &tarball.to_string_lossy(), "src"])?;
    let names = tar_names(&tarball)?;
    check!(names.iter().any(|n| n.trim_start_matches("./") == "made/file"), "{names:?}");
    check!(!names.iter().any(|n| n.trim_start_matches("./") == "etc/group"), "deleted file exported");
    check!(names.iter().any(|n| n.trim_start_matches("./") == "bin/busybox"));

    let id = r.out(&[
        "import",
        "-c",
        "CMD [\"cat\", \"/made/file\"]",
        "-c",
        "ENV GREETING=hi",
        "-m",
        "from a test",
        &tarball.to_string_lossy(),
        "imported:v1",
    ])?;
    check!(id.starts_with("sha256:"), "{id}");
    check_eq!(r.out(&["run", "--rm", "imported:v1"])?, "exported");
    check_eq!(r.out(&["run", "--rm", "imported:v1", "sh", "-c", "echo $GREETING"])?, "hi");
    let hist = r.out(&["history", "--format", "{{.Comment}}", "imported:v1"])?;
    check_eq!(hist, "from a test");
    // From stdin too.
    let data = std::fs::read(&tarball)?;
    let out = r.run_input(&["import", "-", "imported:v2"], &data);
    check_eq!(out.code, 0);
    check_eq!(r.out(&["run", "--rm", "imported:v2", "cat", "/made/file"])?, "exported");
    // A container export to a terminal is refused; an unknown container fails.
    check_eq!(r.run(&["export", "nosuch"]).code, 1);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn commit_and_diff() -> TestResult {
    let r = Rdock::new();
    let bb = r.pull("busybox")?;
    r.out(&[
        "run",
        "--name",
        "c1",
        "-e",
        "KEPT=yes",
        &bb,
        "sh",
        "-c",
        "mkdir /newdir && echo x > /newdir/f && echo changed >> /etc/passwd && rm /etc/group",
    ])?;
    let diff = r.out(&["diff", "c1"])?;
    let lines: Vec<&str> = diff.lines().collect();
    for want in ["C /etc", "C /etc/passwd", "D /etc/group", "A /newdir", "A /newdir/f"] {
        check!(lines.contains(&want), "{want} missing from:\n{diff}");
    }
    // Files the runtime makes (hosts, resolv.conf) are not the container's changes.
    check!(!diff.contains("/etc/hosts") && !diff.contains("/etc/resolv.conf"), "{diff}");

    let id =
        r.out(&["commit", "-a", "tester", "-m", "a message", "-c", "ENV ADDED=1", "c1", "committed:v1"])?;
    check!(id.starts_with("sha256:"), "{id}");
    let shown = r.out(&[
        "run",
        "--rm",
        "committed:v1",
        "sh",
        "-c",
        "cat /newdir/f; tail -1 /etc/passwd; ls /etc/group 2>&1; echo $ADDED $KEPT",
    ])?;
    check_eq!(shown, "x\nchanged\nls: /etc/group: No such file or directory\n1 yes");
    let info = r.inspect("committed:v1")?;
    check_eq!(info["Author"], "tester");
    check_eq!(info["Comment"], "a message");
    check_eq!(info["RootFS"]["Layers"].as_array().map(Vec::len), Some(2));
    check_eq!(r.out(&["history", "-q", "committed:v1"])?.lines().next().unwrap_or_default(), &id[7..19]);
    // An unchanged container commits to no new layer.
    r.out(&["create", "--name", "c2", &bb, "true"])?;
    r.out(&["commit", "c2", "same:v1"])?;
    check_eq!(r.inspect("same:v1")?["RootFS"]["Layers"].as_array().map(Vec::len), Some(1));
    check_eq!(r.out(&["diff", "c2"])?, "");
    check_eq!(r.run(&["diff", "nosuch"]).code, 1);
    Ok(())
}

fn tag_rmi_prune_gc() -> TestResult {
    let r = Rdock::new();
    let bb = r.pull("busybox")?;
    // multi's upper layers are its own (big's are corrupted by another test).
    let big = r.pull("multi")?;
    r.out(&["tag", &bb, "extra:one"])?;
    check_eq!(r.inspect("extra:one")?["Id"], r.inspect(&bb)?["Id"]);
    // Removing one of two names untags only.
    check_eq!(r.out(&["rmi", "extra:one"])?, "Untagged: extra:one:latest".replace(":one:latest", ":one"));
    check!(r.run(&["image", "inspect", "extra:one"]).code != 0);
    // In use by a container: refused unless -f.
    r.out(&["create", "--name", "user", &big, "true"])?;
    let out = r.run(&["rmi", &big]);
    check_eq!(out.code, 1);
    check!(
        out.stderr.contains("conflict") && out.stderr.contains("is using its referenced image"),
        "{}",
        out.stderr
    );
    r.out(&["rm", "user"])?;
    let before = blob_count(&r);
    let out = r.out(&["rmi", &big])?;
    check!(out.contains("Untagged: ") && out.contains("Deleted: sha256:"), "{out}");
    // Its own blobs and layer went; busybox's shared ones stay.
    check!(blob_count(&r) < before, "{} >= {before}", blob_count(&r));
    check_eq!(r.out(&["run", "--rm", &bb, "echo", "still"])?, "still");
    check_eq!(r.run(&["rmi", "nosuch"]).code, 1);
    // prune -a removes unused images and leaves the store empty.
    let out = r.out(&["image", "prune", "-a", "-f"])?;
    check!(out.contains("Total reclaimed space:"), "{out}");
    check_eq!(r.out(&["images", "-q"])?, "");
    check_eq!(blob_count(&r), 0);
    let layers = std::fs::read_dir(r.root.join("layers")).map(|d| d.count()).unwrap_or(0);
    check_eq!(layers, 0);
    Ok(())
}

fn history_and_filters() -> TestResult {
    let r = Rdock::new();
    let bb = r.pull("busybox")?;
    let multi = r.pull("multi")?;
    let hist = r.out(&["history", &multi])?;
    let header = hist.lines().next().unwrap_or_default();
    for col in ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"] {
        check!(header.contains(col), "{header}");
    }
    check_eq!(r.out(&["history", "-q", &multi])?.lines().next().map(str::len), Some(12));
    let ids = r.out(&["history", "--no-trunc", "--format", "{{.ID}}", &multi])?;
    check!(ids.lines().next().is_some_and(|l| l.len() == 71), "{ids}");
    check!(r.run(&["history", "nosuch"]).code != 0);
    // images --filter
    let refs =
        r.out(&["images", "--format", "{{.Repository}}", "--filter", &format!("reference={}", multi)])?;
    check_eq!(refs, multi);
    let labelled = r.out(&["images", "-q", "--filter", "label=org.rdock.test=multi"])?;
    check_eq!(labelled, r.out(&["images", "-q", &multi])?);
    let unlabelled =
        r.out(&["images", "--format", "{{.Repository}}", "--filter", "label!=org.rdock.test"])?;
    check_eq!(unlabelled, bb);
    check_eq!(r.out(&["images", "-q", "--filter", "dangling=true"])?, "");
    let bad = r.run(&["images", "--filter", "bogus=1"]);
    check!(bad.code != 0);
    Ok(())
}

fn zstd_layers() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("zstd")?;
    check_eq!(r.out(&["run", "--rm", &img, "cat", "/zstd.txt"])?, "zstd layer");
    Ok(())
}

fn search_and_df() -> TestResult {
    let r = Rdock::new();
    let registry = image("").trim_end_matches('/').to_string();
    let out = r.out(&["search", &format!("{registry}/busy")])?;
    check!(out.lines().next().is_some_and(|l| l.starts_with("NAME")), "{out}");
    check!(out.lines().any(|l| l.starts_with(&format!("{registry}/busybox"))), "{out}");
    check!(!out.contains("/multi"), "{out}");

    let bb = r.pull("busybox")?;
    r.out(&["run", "--name", "writer", &bb, "sh", "-c", "head -c 100000 /dev/zero > /blob"])?;
    let df = r.out(&["system", "df"])?;
    let lines: Vec<&str> = df.lines().collect();
    check!(lines[0].starts_with("TYPE") && lines[0].contains("RECLAIMABLE"), "{df}");
    let rows = r.out(&[
        "system",
        "df",
        "--format",
        "{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}",
    ])?;
    let rows: Vec<&str> = rows.lines().collect();
    check!(rows[0].starts_with("Images|1|1|"), "{rows:?}");
    // The stopped container's 100 kB are reclaimable.
    check!(rows[1].starts_with("Containers|1|0|100kB|100kB (100%)"), "{rows:?}");
    check!(rows[2].starts_with("Local Volumes|"), "{rows:?}");
    Ok(())
}

/// Certificates for a TLS registry on 127.0.0.1: a CA, a server cert, a client cert.
fn make_certs(dir: &Path) -> TestResult {
    let sh = |script: &str| -> TestResult {
        let out = Command::new("sh").arg("-c").arg(script).current_dir(dir).output()?;
        check!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
        Ok(())
    };
    let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    sh(&format!(
        "openssl req -x509 {ec} -keyout ca.key -out ca.crt -days 2 -subj /CN=rdock-test-ca \
         -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign"
    ))?;
    for (name, ext) in [
        ("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"),
        ("client", "extendedKeyUsage=clientAuth"),
    ] {
        std::fs::write(dir.join(format!("{name}.ext")), ext)?;
        sh(&format!(
            "openssl req {ec} -keyout {name}.key -out {name}.csr -subj /CN={name} && \
             openssl x509 -req -in {name}.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
             -out {name}.crt -extfile {name}.ext"
        ))?;
    }
    sh("htpasswd -Bbn tester s3cret > htpasswd")?;
    Ok(())
}

struct Stop(Registry);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.stop();
    }
}

fn tls_registry_login() -> TestResult {
    let dir = temp_dir("tls");
    make_certs(&dir)?;
    let p = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let http = format!(
        "  tls:\n    certificate: {}\n    key: {}\n    clientcas:\n      - {}\n",
        p("server.crt"),
        p("server.key"),
        p("ca.crt")
    );
    let auth = format!("auth:\n  htpasswd:\n    realm: rdock-test\n    path: {}\n", p("htpasswd"));
    let reg = Stop(Registry::start_with(&dir, &http, &auth, true));
    let host = reg.0.addr.clone();

    // Config dirs of this test only: certs.d and Docker's config.json.
    let conf = dir.join("conf");
    let certs = conf.join("certs.d").join(&host);
    std::fs::create_dir_all(&certs)?;
    std::fs::copy(dir.join("client.crt"), certs.join("client.cert"))?;
    std::fs::copy(dir.join("client.key"), certs.join("client.key"))?;
    let docker_config = dir.join("docker");
    let mut r = Rdock::new();
    r.env = vec![
        ("RDOCK_CONFIG_DIR".into(), conf.to_string_lossy().into_owned()),
        ("DOCKER_CONFIG".into(), docker_config.to_string_lossy().into_owned()),
    ];
    let bb = r.pull("busybox")?;
    let target = format!("{host}/secure/busybox:v1");
    r.out(&["tag", &bb, &target])?;

    // No CA: with verification the certificate is refused (by default a
    // loopback registry is not verified, as Docker treats 127.0.0.0/8 as
    // insecure); --tls-verify=false gets as far as auth.
    let out = r.run(&["push", "--tls-verify=true", &target]);
    check_eq!(out.code, 1);
    check!(out.stderr.to_lowercase().contains("certificate"), "{}", out.stderr);
    let out = r.run(&["pull", "--tls-verify=false", &target]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("docker login"), "{}", out.stderr);
    std::fs::copy(dir.join("ca.crt"), certs.join("ca.crt"))?;

    // Wrong password, then the right one from stdin.
    let out = r.run(&["login", "-u", "tester", "-p", "wrong", &host]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("unauthorized"), "{}", out.stderr);
    check!(!docker_config.join("config.json").exists());
    let out = r.run_input(&["login", "-u", "tester", "--password-stdin", &host], b"s3cret\n");
    check_eq!(out.code, 0);
    check_eq!(out.stdout.trim(), "Login Succeeded");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(docker_config.join("config.json"))?)?;
    // Docker's format: base64 of user:password under auths.HOST.auth.
    check_eq!(saved["auths"][&host]["auth"], "dGVzdGVyOnMzY3JldA==");

    let out = r.run(&["push", "--tls-verify=true", &target]);
    check_eq!(out.code, 0);
    check!(out.stdout.contains("Pushed"), "{}", out.stdout);
    let mut fresh = Rdock::new();
    fresh.env = r.env.clone();
    fresh.out(&["pull", "-q", "--tls-verify=true", &target])?;
    check_eq!(fresh.inspect(&target)?["Id"], r.inspect(&bb)?["Id"]);
    check_eq!(fresh.out(&["run", "--rm", &target, "echo", "over tls"])?, "over tls");

    // Without the client certificate the registry refuses the handshake.
    std::fs::rename(certs.join("client.cert"), dir.join("moved.cert"))?;
    let out = fresh.run(&["pull", &target]);
    check_eq!(out.code, 1);
    std::fs::rename(dir.join("moved.cert"), certs.join("client.cert"))?;

    let out = r.out(&["logout", &host])?;
    check_eq!(out, format!("Removing login credentials for {host}"));
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(docker_config.join("config.json"))?)?;
    check!(saved["auths"].get(&host).is_none(), "{saved}");
    let out = fresh.run(&["pull", &target]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("docker login"), "{}", out.stderr);
    check_eq!(r.out(&["logout", &host])?, format!("Not logged in to {host}"));

    // A credential helper named in credHelpers answers `get` instead.
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin)?;
    let helper = bin.join("docker-credential-rdtest");
    std::fs::write(
        &helper,
        "#!/bin/sh\nread server\necho \"$1 $server\" >> \"$(dirname \"$0\")/calls\"\n\
         echo '{\"ServerURL\":\"'$server'\",\"Username\":\"tester\",\"Secret\":\"s3cret\"}'\n",
    )?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755))?;
    std::fs::write(
        docker_config.join("config.json"),
        format!("{{\"credHelpers\": {{\"{host}\": \"rdtest\"}}}}"),
    )?;
    fresh
        .env
        .push(("PATH".into(), format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())));
    fresh.out(&["rmi", &target])?;
    fresh.out(&["pull", "-q", &target])?;
    check_eq!(
        std::fs::read_to_string(bin.join("calls"))?.lines().next().unwrap_or_default(),
        format!("get {host}")
    );
    drop(reg);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// docker.io names are pulled from a configured mirror (here the test
/// registry), skipping mirrors that do not answer; nothing goes to docker.io.
fn docker_io_mirror() -> TestResult {
    let r = Rdock::new();
    let bb = r.pull("busybox")?;
    let registry = image("").trim_end_matches('/').to_string();
    let mirrored = format!("{registry}/library/busybox:mirrored");
    r.out(&["tag", &bb, &mirrored])?;
    r.out(&["push", "-q", &mirrored])?;

    let conf = temp_dir("mirror");
    let dead = crate::support::free_port();
    std::fs::write(
        conf.join("config.toml"),
        format!("registry-mirrors = [\"http://127.0.0.1:{dead}\", \"http://{registry}\"]\n"),
    )?;
    let mut fresh = Rdock::new();
    fresh.env = vec![("RDOCK_CONFIG_DIR".into(), conf.to_string_lossy().into_owned())];
    let out = fresh.run(&["pull", "busybox:mirrored"]);
    check_eq!(out.code, 0);
    check!(out.stdout.contains("docker.io/library/busybox:mirrored"), "{}", out.stdout);
    check_eq!(fresh.out(&["images", "--format", "{{.Repository}}:{{.Tag}}"])?, "busybox:mirrored");
    check_eq!(fresh.out(&["run", "--rm", "busybox:mirrored", "echo", "via mirror"])?, "via mirror");
    let _ = std::fs::remove_dir_all(&conf);
    Ok(())
}

fn manifest_lists() -> TestResult {
    let r = Rdock::new();
    let src = r.pull("busybox")?;
    let id = r.inspect(&src)?["Id"].clone();
    let other = format!("{}:v1", repo("other"));
    r.out(&["tag", &src, &other])?;
    r.out(&["push", "-q", &other])?;
    // One manifest: the registry's own document, tab-indented as Docker prints it.
    let one = r.ok(&["manifest", "inspect", &src])?;
    check!(one.starts_with("{\n\t\"") && one.contains("\"schemaVersion\": 2"), "{one}");
    let doc: serde_json::Value = serde_json::from_str(&one)?;
    check_eq!(doc["config"]["digest"], id);
    let verbose: serde_json::Value = serde_json::from_str(&r.ok(&["manifest", "inspect", "-v", &src])?)?;
    check_eq!(verbose["Ref"], format!("{src}:latest"));
    check_eq!(verbose["Descriptor"]["platform"]["os"], "linux");
    check!(verbose["SchemaV2Manifest"].is_object() || verbose["OCIManifest"].is_object(), "{verbose}");
    // A list of both, one entry annotated, pushed as an index.
    let list = format!("{}:v1", repo("multi"));
    check_eq!(r.ok(&["manifest", "create", &list, &src, &other])?, format!("Created manifest list {list}\n"));
    let again = r.run(&["manifest", "create", &list, &src]);
    check!(
        again.code == 1
            && again.stderr.contains("refusing to amend an existing manifest list with no --amend flag"),
        "{}",
        again.stderr
    );
    r.ok(&["manifest", "create", "--amend", &list, &src])?;
    r.ok(&["manifest", "annotate", "--arch", "arm64", "--variant", "v8", &list, &other])?;
    let local: serde_json::Value = serde_json::from_str(&r.ok(&["manifest", "inspect", &list])?)?;
    check_eq!(local["manifests"].as_array().map(Vec::len), Some(2));
    let digest = r.ok(&["manifest", "push", "--purge", &list])?.trim().to_string();
    check!(digest.starts_with("sha256:"), "{digest}");
    let missing = r.run(&["manifest", "push", &list]);
    check!(
        missing.code == 1 && missing.stderr.contains(&format!("No such manifest: {list}")),
        "{}",
        missing.stderr
    );
    // Purged here, so this is the registry's index.
    let index: serde_json::Value = serde_json::from_str(&r.ok(&["manifest", "inspect", &list])?)?;
    let entries = index["manifests"].as_array().cloned().unwrap_or_default();
    check_eq!(entries.len(), 2);
    check_eq!(entries[1]["platform"]["architecture"], "arm64");
    check_eq!(entries[1]["platform"]["variant"], "v8");
    check_eq!(entries[0]["digest"], doc_digest(&r, &src)?);
    // A fresh store pulls the list by name and gets this host's image.
    let fresh = Rdock::new();
    fresh.out(&["pull", "-q", &list])?;
    check_eq!(fresh.inspect(&list)?["Id"], id);
    let nested = r.run(&["manifest", "create", &format!("{}:x", repo("nested")), &list]);
    check!(nested.code == 1 && nested.stderr.contains("is a manifest list"), "{}", nested.stderr);
    // Names that differ only where a file name could blur them stay apart.
    let base = repo("blur");
    let (slash, underscore) = (format!("{base}/x:v1"), format!("{base}_x:v1"));
    r.ok(&["manifest", "create", &slash, &src])?;
    r.ok(&["manifest", "create", &underscore, &src])?;
    r.ok(&["manifest", "rm", &underscore])?;
    check!(
        r.ok(&["manifest", "inspect", &slash])?.contains("\"manifests\""),
        "the other list is still there"
    );
    r.ok(&["manifest", "rm", &slash])?;
    let scratch = format!("{}:v1", repo("scratch"));
    r.ok(&["manifest", "create", &scratch, &src])?;
    r.ok(&["manifest", "rm", &scratch])?;
    let gone = r.run(&["manifest", "rm", &scratch]);
    check!(gone.code == 1 && gone.stderr.contains("No such manifest"), "{}", gone.stderr);
    Ok(())
}

/// The manifest digest a pulled image came from (its RepoDigests entry).
fn doc_digest(r: &Rdock, image: &str) -> Result<String, libtest_mimic::Failed> {
    let d = r.ok(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", image])?;
    Ok(d.trim().rsplit('@').next().unwrap_or_default().to_string())
}
