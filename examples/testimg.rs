//! Builds rdock's test images offline and pushes them to a registry.
//!
//! The images are made from this machine's static busybox (Debian's
//! `busybox-static`) with hand-written layer tars, so the tests never need the
//! internet and never use rdock to make what rdock is tested on.
//!
//!     testimg REGISTRY [NAME...]      push the named images (default: all)
//!     testimg --list                  list the image names
//!
//! Images (all under REGISTRY/, tag `latest` unless noted):
//!   busybox        one layer: busybox, its applets, /etc/passwd, /etc/group
//!   rootonly       the same with every file owned by root
//!   multi          four layers with whiteouts, an opaque dir, symlinks,
//!                  hardlinks, files owned by 1000:1000; Env, WorkingDir,
//!                  Entrypoint, Cmd, User and Labels set
//!   schema2        busybox as a Docker schema-2 manifest
//!   nomediatype    busybox as an OCI manifest without `mediaType`
//!   index          an OCI index: linux/amd64 and linux/arm64 entries
//!   evil:traversal, evil:absolute, evil:symlink, evil:hardlink, evil:whiteout
//!                  busybox plus one malicious layer each
//!   evil:sparse    busybox plus a GNU sparse file of 64 GiB (a decompression bomb)
//!   big, big:other busybox plus a 32 MiB layer of incompressible data (each
//!                  its own)
//!   zstd           busybox plus a second layer, both compressed with zstd
//!   devices        busybox plus a layer with device nodes: /devnodes/null (char
//!                  1:3), a hardlink to it, /devnodes/loop7 (block 7:7), a file

use std::collections::BTreeMap;
use std::io::Write;

use flate2::write::GzEncoder;
use serde_json::json;
use sha2::{Digest, Sha256};

const BUSYBOX: &str = "/bin/busybox";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
const OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";

const ALL: &[&str] = &[
    "busybox",
    "rootonly",
    "multi",
    "schema2",
    "nomediatype",
    "index",
    "evil:traversal",
    "evil:absolute",
    "evil:symlink",
    "evil:hardlink",
    "evil:whiteout",
    "evil:sparse",
    "zstd",
    "big",
    "big:other",
    "devices",
];

/// A layer: its uncompressed tar (for the diff id) and gzip (the blob).
struct Layer {
    tar: Vec<u8>,
    gz: Vec<u8>,
    zstd: bool,
}

fn sha256(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

impl Layer {
    fn new(tar: Vec<u8>) -> Layer {
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&tar).unwrap();
        Layer { gz: enc.finish().unwrap(), tar, zstd: false }
    }
    /// The same layer with a zstd blob (`gz` then holds zstd bytes).
    fn zstd(self) -> Layer {
        let gz =
            ruzstd::encoding::compress_to_vec(&self.tar[..], ruzstd::encoding::CompressionLevel::Fastest);
        Layer { gz, tar: self.tar, zstd: true }
    }
    fn diff_id(&self) -> String {
        sha256(&self.tar)
    }
    fn digest(&self) -> String {
        sha256(&self.gz)
    }
}

/// Writes tar entries with full control over names (the tar crate refuses `..`).
struct TarWriter {
    out: Vec<u8>,
}

impl TarWriter {
    fn new() -> TarWriter {
        TarWriter { out: Vec::new() }
    }

    fn header(
        &mut self,
        name: &str,
        kind: tar::EntryType,
        mode: u32,
        uid: u64,
        gid: u64,
        size: u64,
    ) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        if name.len() >= 100 {
            // GNU long name record.
            let mut l = tar::Header::new_gnu();
            l.as_gnu_mut().unwrap().name[..13].copy_from_slice(b"././@LongLink");
            l.set_entry_type(tar::EntryType::GNULongName);
            l.set_size(name.len() as u64 + 1);
            l.set_cksum();
            self.out.extend_from_slice(l.as_bytes());
            let mut data = name.as_bytes().to_vec();
            data.push(0);
            self.pad_data(&data);
        } else {
            h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
        }
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_uid(uid);
        h.set_gid(gid);
        h.set_size(size);
        h.set_mtime(1_700_000_000);
        h
    }

    /// A GNU sparse file of `size` bytes that are all a hole: no data stored.
    fn sparse(&mut self, name: &str, size: u64) -> &mut Self {
        let mut h = self.header(name, tar::EntryType::GNUSparse, 0o644, 0, 0, 0);
        let gnu = h.as_gnu_mut().unwrap();
        gnu.set_real_size(size);
        gnu.sparse[0].set_offset(size);
        gnu.sparse[0].set_length(0);
        h.set_cksum();
        self.out.extend_from_slice(h.as_bytes());
        self
    }

    fn pad_data(&mut self, data: &[u8]) {
        self.out.extend_from_slice(data);
        let pad = (512 - data.len() % 512) % 512;
        self.out.extend(std::iter::repeat_n(0u8, pad));
    }

    fn dir(&mut self, name: &str, mode: u32) -> &mut Self {
        self.dir_owned(name, mode, 0, 0)
    }

    fn dir_owned(&mut self, name: &str, mode: u32, uid: u64, gid: u64) -> &mut Self {
        let mut h = self.header(name, tar::EntryType::Directory, mode, uid, gid, 0);
        h.set_cksum();
        self.out.extend_from_slice(h.as_bytes());
        self
    }

    fn file(&mut self, name: &str, mode: u32, data: &[u8]) -> &mut Self {
        self.file_owned(name, mode, 0, 0, data)
    }

    fn file_owned(&mut self, name: &str, mode: u32, uid: u64, gid: u64, data: &[u8]) -> &mut Self {
        let mut h = self.header(name, tar::EntryType::Regular, mode, uid, gid, data.len() as u64);
        h.set_cksum();
        self.out.extend_from_slice(h.as_bytes());
        self.pad_data(data);
        self
    }

    fn link(&mut self, kind: tar::EntryType, name: &str, target: &str) -> &mut Self {
        let mut h = self.header(name, kind, 0o777, 0, 0, 0);
        h.as_gnu_mut().unwrap().linkname[..target.len()].copy_from_slice(target.as_bytes());
        h.set_cksum();
        self.out.extend_from_slice(h.as_bytes());
        self
    }

    fn device(&mut self, name: &str, kind: tar::EntryType, major: u32, minor: u32) -> &mut Self {
        let mut h = self.header(name, kind, 0o666, 0, 0, 0);
        h.set_device_major(major).unwrap();
        h.set_device_minor(minor).unwrap();
        h.set_cksum();
        self.out.extend_from_slice(h.as_bytes());
        self
    }

    fn symlink(&mut self, name: &str, target: &str) -> &mut Self {
        self.link(tar::EntryType::Symlink, name, target)
    }

    fn hardlink(&mut self, name: &str, target: &str) -> &mut Self {
        self.link(tar::EntryType::Link, name, target)
    }

    fn finish(&mut self) -> Vec<u8> {
        self.out.extend(std::iter::repeat_n(0u8, 1024));
        std::mem::take(&mut self.out)
    }
}

/// The busybox base layer: the binary, relative applet links, users and groups.
fn busybox_layer() -> Layer {
    busybox_layer_with(true)
}

/// busybox; `user_home` adds /home/user owned by 1000:1000.
fn busybox_layer_with(user_home: bool) -> Layer {
    let bin =
        std::fs::read(BUSYBOX).unwrap_or_else(|e| panic!("reading {BUSYBOX} (install busybox-static): {e}"));
    let out = std::process::Command::new(BUSYBOX).arg("--list").output().expect("busybox --list");
    let mut applets: Vec<String> =
        String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).filter(|a| a != "busybox").collect();
    applets.sort();
    let mut t = TarWriter::new();
    t.dir("bin/", 0o755).file("bin/busybox", 0o755, &bin);
    for a in &applets {
        t.symlink(&format!("bin/{a}"), "busybox");
    }
    t.dir("etc/", 0o755)
        .file(
            "etc/passwd",
            0o644,
            b"root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nuser:x:1000:1000:user:/home/user:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
        )
        .file("etc/group", 0o644, b"root:x:0:\ndaemon:x:1:\nuser:x:1000:\nstaff:x:50:user\nnogroup:x:65534:\n")
        .dir("root/", 0o700)
        .dir("tmp/", 0o1777)
        .dir("home/", 0o755);
    if user_home {
        t.dir_owned("home/user/", 0o755, 1000, 1000);
    }
    t.dir("var/", 0o755).dir("usr/", 0o755).symlink("usr/bin", "../bin");
    Layer::new(t.finish())
}

fn config(layers: &[&Layer], arch: &str, run: serde_json::Value, history: &str) -> Vec<u8> {
    let cfg = json!({
        "architecture": arch,
        "os": "linux",
        "created": "2026-01-01T00:00:00Z",
        "config": run,
        "rootfs": {"type": "layers", "diff_ids": layers.iter().map(|l| l.diff_id()).collect::<Vec<_>>()},
        "history": layers.iter().map(|_| json!({"created": "2026-01-01T00:00:00Z", "created_by": history})).collect::<Vec<_>>(),
    });
    serde_json::to_vec(&cfg).unwrap()
}

fn busybox_run_config() -> serde_json::Value {
    json!({"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["sh"]})
}

struct Image {
    layers: Vec<Layer>,
    config: Vec<u8>,
}

impl Image {
    fn manifest(&self, docker: bool, with_media_type: bool) -> (Vec<u8>, &'static str) {
        let (mt, cmt, lmt) = if docker {
            (DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER)
        } else {
            (OCI_MANIFEST, OCI_CONFIG, OCI_LAYER)
        };
        let mut m = json!({
            "schemaVersion": 2,
            "config": {"mediaType": cmt, "digest": sha256(&self.config), "size": self.config.len()},
            "layers": self.layers.iter().map(|l| json!({"mediaType": if l.zstd { OCI_LAYER_ZSTD } else { lmt }, "digest": l.digest(), "size": l.gz.len()})).collect::<Vec<_>>(),
        });
        if with_media_type {
            m["mediaType"] = json!(mt);
        }
        (serde_json::to_vec(&m).unwrap(), mt)
    }
}

fn busybox_image() -> Image {
    let base = busybox_layer();
    let config = config(&[&base], "amd64", busybox_run_config(), "busybox-static");
    Image { layers: vec![base], config }
}

/// busybox plus layers exercising every unpacking rule.
fn multi_image() -> Image {
    let base = busybox_layer();
    let l2 = Layer::new(
        TarWriter::new()
            .dir("data/", 0o755)
            .file("data/keep", 0o644, b"v1\n")
            .file("data/orig", 0o644, b"v1\n")
            .file("data/remove", 0o644, b"to be deleted\n")
            .dir("data/dir-removed/", 0o755)
            .file("data/dir-removed/inner", 0o644, b"x\n")
            .dir("opq/", 0o755)
            .file("opq/a", 0o644, b"a\n")
            .file("opq/b", 0o644, b"b\n")
            .symlink("data/link", "keep")
            .symlink("data/abs-link", "/data/keep")
            .hardlink("data/hard", "data/orig")
            .dir_owned("home/user/owned/", 0o750, 1000, 1000)
            .file_owned("home/user/owned/file", 0o640, 1000, 1000, b"mine\n")
            .file("data/setuid", 0o4755, b"#!/bin/sh\n")
            .file(&format!("data/{}", "long-name-".repeat(12)), 0o644, b"long\n")
            .finish(),
    );
    let l3 = Layer::new(
        TarWriter::new()
            .dir("data/", 0o755)
            .file("data/.wh.remove", 0o644, b"")
            .file("data/.wh.dir-removed", 0o644, b"")
            .file("data/keep", 0o644, b"v2\n")
            .dir("opq/", 0o755)
            .file("opq/.wh..wh..opq", 0o644, b"")
            .file("opq/c", 0o644, b"c\n")
            .finish(),
    );
    // A layer that adds back a file the previous one whited out.
    let l4 = Layer::new(TarWriter::new().dir("data/", 0o755).file("data/remove", 0o644, b"back\n").finish());
    let run = json!({
        "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "FOO=bar", "GREETING=hello world"],
        "Entrypoint": ["/bin/sh", "-c"],
        "Cmd": ["echo \"$GREETING from $(id -u):$(id -g) in $(pwd) foo=$FOO\""],
        "WorkingDir": "/data",
        "User": "1000:1000",
        "Labels": {"org.rdock.test": "multi", "maintainer": "rdock"},
        "StopSignal": "SIGTERM",
    });
    let config = config(&[&base, &l2, &l3, &l4], "amd64", run, "multi");
    Image { layers: vec![base, l2, l3, l4], config }
}

fn evil_image(kind: &str) -> Image {
    let base = busybox_layer();
    let mut t = TarWriter::new();
    match kind {
        "traversal" => t.file("../../../../tmp/rdock-evil-traversal", 0o644, b"escaped\n"),
        "absolute" => t.file("/tmp/rdock-evil-absolute", 0o644, b"escaped\n"),
        "symlink" => t.symlink("escape", "/tmp").file("escape/rdock-evil-symlink", 0o644, b"escaped\n"),
        "hardlink" => t.hardlink("passwd-link", "../../../../etc/passwd"),
        "whiteout" => t.dir("data/", 0o755).file("data/.wh..", 0o644, b""),
        "sparse" => t.sparse("huge.img", 64 << 30),
        other => panic!("unknown evil image {other}"),
    };
    let evil = Layer::new(t.finish());
    let config = config(&[&base, &evil], "amd64", busybox_run_config(), "evil");
    Image { layers: vec![base, evil], config }
}

/// busybox plus 32 MiB of noise; `seed` makes distinct blobs for distinct tags.
fn big_image(seed: u64) -> Image {
    let base = busybox_layer();
    // xorshift noise: incompressible, reproducible.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed;
    let mut data = vec![0u8; 32 << 20];
    for chunk in data.chunks_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
    }
    let blob = Layer::new(TarWriter::new().file("big.bin", 0o644, &data).finish());
    let config = config(&[&base, &blob], "amd64", busybox_run_config(), "big");
    Image { layers: vec![base, blob], config }
}

/// Pushes through rdock's own registry client (what rdock pulls with is a
/// separate path: rdock's pull code never sees these bytes being made).
struct Pusher {
    reg: rdock::image::registry::Registry,
}

/// `name` or `name:tag` as repository and tag.
fn repo_tag(name: &str) -> (&str, &str) {
    name.split_once(':').unwrap_or((name, "latest"))
}

impl Pusher {
    async fn blob(&self, repo: &str, data: &[u8]) {
        let digest = sha256(data);
        if !self.reg.blob_exists(repo, &digest).await.unwrap_or(false) {
            self.reg
                .upload_blob(repo, &digest, data.len() as u64, data.to_vec().into())
                .await
                .unwrap_or_else(|e| panic!("pushing blob: {e}"));
        }
    }

    async fn image(&self, repo: &str, img: &Image) {
        for l in &img.layers {
            self.blob(repo, &l.gz).await;
        }
        self.blob(repo, &img.config).await;
    }

    async fn manifest(&self, repo: &str, reference: &str, body: &[u8], media_type: &str) -> String {
        self.reg
            .put_manifest(repo, reference, body, media_type)
            .await
            .unwrap_or_else(|e| panic!("pushing manifest: {e}"))
    }

    async fn push(&self, name: &str) -> String {
        let (repo, tag) = repo_tag(name);
        let (img, docker, with_mt) = match name {
            "busybox" => (busybox_image(), false, true),
            "rootonly" => {
                let base = busybox_layer_with(false);
                let config = config(&[&base], "amd64", busybox_run_config(), "busybox-static");
                (Image { layers: vec![base], config }, false, true)
            }
            "multi" => (multi_image(), false, true),
            "schema2" => (busybox_image(), true, true),
            "nomediatype" => (busybox_image(), false, false),
            "big" => (big_image(0), false, true),
            "zstd" => {
                let base = busybox_layer().zstd();
                let extra =
                    Layer::new(TarWriter::new().file("zstd.txt", 0o644, b"zstd layer\n").finish()).zstd();
                let config = config(&[&base, &extra], "amd64", busybox_run_config(), "zstd");
                (Image { layers: vec![base, extra], config }, false, true)
            }
            "big:other" => (big_image(1), false, true),
            "devices" => {
                let base = busybox_layer();
                let mut t = TarWriter::new();
                t.dir("devnodes/", 0o755)
                    .device("devnodes/null", tar::EntryType::Char, 1, 3)
                    .hardlink("devnodes/null-link", "devnodes/null")
                    .device("devnodes/loop7", tar::EntryType::Block, 7, 7)
                    .file("devnodes/ok", 0o644, b"ok\n");
                let devs = Layer::new(t.finish());
                let config = config(&[&base, &devs], "amd64", busybox_run_config(), "devices");
                (Image { layers: vec![base, devs], config }, false, true)
            }
            "index" => return self.push_index(repo, tag).await,
            n if n.starts_with("evil:") => (evil_image(&n[5..]), false, true),
            other => panic!("unknown image {other}"),
        };
        self.image(repo, &img).await;
        let (body, mt) = img.manifest(docker, with_mt);
        self.manifest(repo, tag, &body, mt).await
    }

    /// Two platforms; each carries /platform naming itself, and a label.
    async fn push_index(&self, repo: &str, tag: &str) -> String {
        let mut entries = Vec::new();
        for arch in ["arm64", "amd64"] {
            let base = busybox_layer();
            let mark =
                Layer::new(TarWriter::new().file("platform", 0o644, format!("{arch}\n").as_bytes()).finish());
            let mut run = busybox_run_config();
            run["Labels"] = json!({"platform": arch});
            let cfg = config(&[&base, &mark], arch, run, "index");
            let img = Image { layers: vec![base, mark], config: cfg };
            self.image(repo, &img).await;
            let (body, mt) = img.manifest(false, true);
            let digest = self.manifest(repo, &sha256(&body), &body, mt).await;
            let mut platform = json!({"architecture": arch, "os": "linux"});
            if arch == "arm64" {
                platform["variant"] = json!("v8");
            }
            entries
                .push(json!({"mediaType": mt, "digest": digest, "size": body.len(), "platform": platform}));
        }
        let index = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries});
        self.manifest(repo, tag, &serde_json::to_vec(&index).unwrap(), OCI_INDEX).await
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list") || args.is_empty() {
        for n in ALL {
            println!("{n}");
        }
        return;
    }
    let host = args[0].clone();
    let names: Vec<String> =
        if args.len() > 1 { args[1..].to_vec() } else { ALL.iter().map(|s| s.to_string()).collect() };
    let result = rdock::image::registry::block_on(async {
        let reg = rdock::image::registry::Registry::connect(&host, &Default::default()).await?;
        let pusher = Pusher { reg };
        let mut digests = BTreeMap::new();
        for n in &names {
            digests.insert(n.clone(), pusher.push(n).await);
        }
        Ok(digests)
    });
    match result {
        Ok(digests) => {
            for (n, d) in digests {
                println!("{n} {d}");
            }
        }
        Err(e) => {
            eprintln!("testimg: {e}");
            std::process::exit(1);
        }
    }
}
