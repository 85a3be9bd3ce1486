//! `rdock build`: Dockerfiles to images, checked through the images they make
//! (config, history, files with their owners and modes) and what a build
//! leaves behind (nothing but the image and its cache).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{image, temp_dir, wait_for, Rdock, Run, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("build::instructions_make_dockers_config", instructions_make_dockers_config),
    ("build::files_owners_and_modes", files_owners_and_modes),
    ("build::multi_stage_and_target", multi_stage_and_target),
    ("build::heredocs", heredocs),
    ("build::dockerignore", dockerignore),
    ("build::cache_hits_and_misses", cache_hits_and_misses),
    ("build::run_mounts_and_secrets", run_mounts_and_secrets),
    ("build::onbuild_triggers", onbuild_triggers),
    ("build::failing_step_leaves_nothing", failing_step_leaves_nothing),
    ("build::errors_in_dockers_words", errors_in_dockers_words),
    ("build::context_from_stdin_and_outputs", context_from_stdin_and_outputs),
    ("build::interrupted_build_cleans_up", interrupted_build_cleans_up),
    ("build::urls_contexts_and_copy_flags", urls_contexts_and_copy_flags),
    ("build::inline_cache_from_an_image", inline_cache_from_an_image),
    ("build::concurrent_builds_share_the_cache", concurrent_builds_share_the_cache),
    ("build::hostile_dockerfiles", hostile_dockerfiles),
    ("build::many_layers", many_layers),
    ("build::run_network_hosts_and_cache_filters", run_network_hosts_and_cache_filters),
    ("build::system_prune_takes_the_cache", system_prune_takes_the_cache),
    ("build::aliases_args_and_prune_filters", aliases_args_and_prune_filters),
];

/// A build context with these files (path, contents).
fn context(files: &[(&str, &str)]) -> PathBuf {
    let dir = temp_dir("ctx");
    for (path, data) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, data).expect("writing context file");
    }
    dir
}

struct Ctx(PathBuf);

impl Drop for Ctx {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::ops::Deref for Ctx {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

fn ctx(files: &[(&str, &str)]) -> Ctx {
    Ctx(context(files))
}

fn build(r: &Rdock, dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let d = dir.to_string_lossy().into_owned();
    all.push(&d);
    r.run(&all)
}

fn build_ok(r: &Rdock, dir: &Path, args: &[&str]) -> Result<Run, libtest_mimic::Failed> {
    let out = build(r, dir, args);
    if out.code != 0 {
        return Err(format!("build {args:?} exited {}: {}{}", out.code, out.stdout, out.stderr).into());
    }
    Ok(out)
}

/// The Dockerfile's FROM line for the shared test registry's busybox.
fn from() -> String {
    format!("FROM {}", image("busybox"))
}

fn config(r: &Rdock, name: &str) -> Result<serde_json::Value, libtest_mimic::Failed> {
    Ok(r.inspect(name)?["Config"].clone())
}

fn history(r: &Rdock, name: &str) -> Result<Vec<String>, libtest_mimic::Failed> {
    let out = r.ok(&["history", "--no-trunc", "--format", "{{.CreatedBy}}", name])?;
    Ok(out.lines().map(str::to_string).collect())
}

/// No step container, mount or temp dir is left in the store.
fn nothing_left(r: &Rdock) -> TestResult {
    check_eq!(r.out(&["ps", "-aq"])?, "");
    let dirs: Vec<String> = std::fs::read_dir(r.root.join("containers"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    check!(dirs.is_empty(), "step containers left: {dirs:?}");
    check!(r.mounts().is_empty(), "mounts left: {:?}", r.mounts());
    let tmp: Vec<String> = std::fs::read_dir(&r.root)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".tmp"))
                .collect()
        })
        .unwrap_or_default();
    check!(tmp.is_empty(), "temp dirs left: {tmp:?}");
    Ok(())
}

fn instructions_make_dockers_config() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!(
        r#"# syntax=docker/dockerfile:1
ARG BASE_TAG=latest
{from}:${{BASE_TAG}}
MAINTAINER someone@example.com
ARG GREETING=hello
ARG UNSET
ENV APP=/app NAME="two words"
ENV LEGACY legacy value
LABEL org.example.name="${{NAME}}" plain=yes
EXPOSE 80 443/udp
WORKDIR $APP
USER user:staff
VOLUME ["/data"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=5s --retries=2 CMD test -f /app/out || exit 1
SHELL ["/bin/sh", "-c"]
RUN echo "$GREETING from $(id -un) in $(pwd)" > /tmp/out
ENTRYPOINT ["/bin/sh", "-c"]
CMD echo hi
"#,
        from = from()
    );
    let dir = ctx(&[("Dockerfile", &df)]);
    let iid = dir.join("iid");
    let out = build_ok(
        &r,
        &dir,
        &["-q", "-t", "cfg:1", "-t", "cfg:2", "--label", "extra=1", "--iidfile", &iid.to_string_lossy()],
    )?;
    let id = out.stdout.trim().to_string();
    check!(id.starts_with("sha256:") && id.len() == 71, "-q prints the id: {:?}", out.stdout);
    check_eq!(out.stderr, "");
    check_eq!(std::fs::read_to_string(&iid).unwrap_or_default(), id);
    check_eq!(r.out(&["images", "--format", "{{.Repository}}:{{.Tag}}", "cfg"])?.lines().count(), 2);
    let c = config(&r, "cfg:1")?;
    check_eq!(c["User"], "user:staff");
    check_eq!(c["WorkingDir"], "/app");
    check_eq!(c["Entrypoint"], serde_json::json!(["/bin/sh", "-c"]));
    check_eq!(c["Cmd"], serde_json::json!(["/bin/sh", "-c", "echo hi"]));
    check_eq!(c["StopSignal"], "SIGTERM");
    check_eq!(c["ExposedPorts"], serde_json::json!({"443/udp": {}, "80/tcp": {}}));
    check_eq!(c["Volumes"], serde_json::json!({"/data": {}}));
    check_eq!(
        c["Labels"],
        serde_json::json!({"org.example.name": "two words", "plain": "yes", "extra": "1"})
    );
    let env: Vec<String> = serde_json::from_value(c["Env"].clone()).unwrap_or_default();
    check!(env.contains(&"APP=/app".to_string()) && env.contains(&"NAME=two words".to_string()), "{env:?}");
    check!(env.contains(&"LEGACY=legacy value".to_string()), "{env:?}");
    check!(!env.iter().any(|e| e.starts_with("GREETING=")), "ARGs stay out of the image: {env:?}");
    check_eq!(c["Healthcheck"]["Test"], serde_json::json!(["CMD-SHELL", "test -f /app/out || exit 1"]));
    check_eq!(c["Healthcheck"]["Interval"], 5_000_000_000u64);
    check_eq!(c["Healthcheck"]["Retries"], 2);
    check_eq!(r.inspect("cfg:1")?["Author"], "someone@example.com");
    // The RUN ran as the USER, in the WORKDIR, with the ARG in its environment.
    check_eq!(
        r.out(&["run", "--rm", "--entrypoint", "cat", "cfg:1", "/tmp/out"])?,
        "hello from user in /app"
    );
    let hist = history(&r, "cfg:1")?;
    let want = [
        "CMD [\"/bin/sh\" \"-c\" \"echo hi\"]",
        "ENTRYPOINT [\"/bin/sh\" \"-c\"]",
        "RUN |2 GREETING=hello UNSET= /bin/sh -c echo \"$GREETING from $(id -un) in $(pwd)\" > /tmp/out # buildkit",
        "SHELL [/bin/sh -c]",
        "HEALTHCHECK &{[CMD-SHELL test -f /app/out || exit 1] 5s 0s 0s 0s 2}",
        "STOPSIGNAL SIGTERM",
        "VOLUME [/data]",
        "USER user:staff",
        "WORKDIR /app",
        "EXPOSE map[443/udp:{} 80/tcp:{}]",
        "LABEL org.example.name=two words plain=yes",
        "ENV LEGACY=legacy value",
        "ENV APP=/app NAME=two words",
        "ARG UNSET",
        "ARG GREETING=hello",
        "MAINTAINER someone@example.com",
    ];
    check_eq!(hist[..want.len()].to_vec(), want.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    // Layers only for filesystem steps: busybox's one, WORKDIR and RUN.
    check_eq!(r.inspect("cfg:1")?["RootFS"]["Layers"].as_array().map(|l| l.len()), Some(3));
    let empty = r.out(&["image", "inspect", "--format", "{{json .}}", "cfg:1"])?;
    check!(!empty.is_empty());
    nothing_left(&r)
}

fn files_owners_and_modes() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!(
        "{}\nCOPY a.txt /one/\nCOPY --chown=user:staff --chmod=640 a.txt b.txt /two/\nCOPY --chown=1234:5678 dir /three\nCOPY *.txt /four/\nCOPY links /five/\nCOPY alias /five/alias\nCOPY a.txt /six\nADD layer.tar /seven/\nADD layer.tar.xz /seven-xz/\nADD layer.tar.bz2 /seven-bz2/\nADD a.txt /eight/\nWORKDIR rel\nCOPY a.txt .\n",
        from()
    );
    let dir = ctx(&[
        ("Dockerfile", &df),
        ("a.txt", "A\n"),
        ("b.txt", "B\n"),
        ("dir/sub/c", "C\n"),
        ("dir/d", "D\n"),
    ]);
    std::fs::create_dir_all(dir.join("links")).expect("mkdir");
    std::os::unix::fs::symlink("/etc/passwd", dir.join("links/link")).expect("symlink");
    std::os::unix::fs::symlink("/etc/passwd", dir.join("out")).expect("symlink");
    std::os::unix::fs::symlink("a.txt", dir.join("alias")).expect("symlink");
    // A tar ADD unpacks (gzip here).
    let tar = std::process::Command::new("tar")
        .arg("-czf")
        .arg(dir.join("layer.tar"))
        .arg("-C")
        .arg(dir.join("dir"))
        .arg(".")
        .status()
        .expect("tar");
    check!(tar.success());
    for (flag, name) in [("-cJf", "layer.tar.xz"), ("-cjf", "layer.tar.bz2")] {
        let made = std::process::Command::new("tar")
            .arg(flag)
            .arg(dir.join(name))
            .arg("-C")
            .arg(dir.join("dir"))
            .arg(".")
            .status()
            .expect("tar");
        check!(made.success(), "tar {flag}");
    }
    build_ok(&r, &dir, &["-t", "files"])?;
    let stat = |p: &str| r.out(&["run", "--rm", "files", "stat", "-c", "%u:%g %a %F", p]);
    check_eq!(stat("/one/a.txt")?, "0:0 644 regular file");
    check_eq!(stat("/two/a.txt")?, "1000:50 640 regular file");
    check_eq!(stat("/two/b.txt")?, "1000:50 640 regular file");
    check_eq!(stat("/three")?, "1234:5678 755 directory");
    check_eq!(stat("/three/sub/c")?, "1234:5678 644 regular file");
    check_eq!(r.out(&["run", "--rm", "files", "ls", "/four"])?, "a.txt\nb.txt");
    // A symlink in the context is copied as a link, not followed out of it;
    // one named as a source is followed, inside the context.
    check_eq!(r.out(&["run", "--rm", "files", "readlink", "/five/link"])?, "/etc/passwd");
    check_eq!(r.out(&["run", "--rm", "files", "cat", "/five/alias"])?, "A");
    check_eq!(r.out(&["run", "--rm", "files", "cat", "/six"])?, "A");
    check_eq!(r.out(&["run", "--rm", "files", "cat", "/seven/sub/c", "/seven/d"])?, "C\nD");
    check_eq!(r.out(&["run", "--rm", "files", "cat", "/seven-xz/sub/c", "/seven-bz2/d"])?, "C\nD");
    check_eq!(r.out(&["run", "--rm", "files", "cat", "/eight/a.txt"])?, "A");
    check_eq!(r.out(&["run", "--rm", "files", "cat", "/rel/a.txt"])?, "A");
    // A source naming a link that leads out of the context finds nothing.
    let df2 = format!("{}\nCOPY out /x\n", from());
    std::fs::write(dir.join("Dockerfile"), df2).expect("write");
    let out = build(&r, &dir, &[]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("not found"), "{}", out.stderr);
    nothing_left(&r)
}

fn multi_stage_and_target() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!(
        "{from} AS builder\nRUN echo built > /artifact\n\n{from} AS unused\nRUN exit 1\n\n{from} AS other\nRUN echo other > /o\n\nFROM scratch\nCOPY --from=builder /artifact /artifact\nCOPY --from=2 /o /o\nCOPY --from={img} /bin/busybox /bin/busybox\n",
        from = from(),
        img = image("busybox")
    );
    let dir = ctx(&[("Dockerfile", &df)]);
    let out = build_ok(&r, &dir, &["-t", "final"])?;
    check!(!out.stderr.contains("exit 1"), "the unused stage ran: {}", out.stderr);
    check!(out.stderr.contains("[builder 2/2] RUN echo built > /artifact"), "{}", out.stderr);
    check!(out.stderr.contains("[stage-3 1/3] COPY --from=builder /artifact /artifact"), "{}", out.stderr);
    check_eq!(
        r.out(&["run", "--rm", "--entrypoint", "/bin/busybox", "final", "cat", "/artifact", "/o"])?,
        "built\nother"
    );
    check_eq!(r.inspect("final")?["RootFS"]["Layers"].as_array().map(|l| l.len()), Some(3));
    let out = build_ok(&r, &dir, &["--target", "builder", "-t", "b"])?;
    check!(!out.stderr.contains("other"), "{}", out.stderr);
    check_eq!(r.out(&["run", "--rm", "b", "cat", "/artifact"])?, "built");
    let out = build(&r, &dir, &["--target", "nope"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("target stage \"nope\" could not be found"), "{}", out.stderr);
    nothing_left(&r)
}

fn heredocs() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!(
        "{}\nARG WHO=world\nRUN <<EOF\necho one > /one\necho two >> /one\nEOF\nRUN cat <<A > /a && cat <<'B' > /b\nhello $WHO\nA\nhello $WHO\nB\nCOPY <<EOT /c\nfrom $WHO\nEOT\nRUN <<-EOF\n\techo tabs > /tabs\n\tEOF\nRUN <<EOF\n#!/bin/sh\necho script > /script\nEOF\n",
        from()
    );
    let dir = ctx(&[("Dockerfile", &df)]);
    build_ok(&r, &dir, &["-t", "docs"])?;
    let cat = |p: &str| r.out(&["run", "--rm", "docs", "cat", p]);
    check_eq!(cat("/one")?, "one\ntwo");
    check_eq!(cat("/a")?, "hello world");
    check_eq!(cat("/b")?, "hello $WHO");
    check_eq!(cat("/c")?, "from world");
    check_eq!(cat("/tabs")?, "tabs");
    check_eq!(cat("/script")?, "script");
    let hist = history(&r, "docs")?;
    check!(hist.iter().any(|h| h == "COPY <<EOT /c # buildkit"), "{hist:?}");
    nothing_left(&r)
}

fn dockerignore() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!("{}\nCOPY . /ctx\n", from());
    let dir = ctx(&[
        ("Dockerfile", &df),
        (".dockerignore", "# comment\n*.log\n!keep.log\nsecret/\n**/*.tmp\nDockerfile\n"),
        ("a.txt", "a"),
        ("x.log", "x"),
        ("keep.log", "k"),
        ("secret/key", "s"),
        ("deep/er/f.tmp", "t"),
        ("deep/er/f.txt", "f"),
    ]);
    build_ok(&r, &dir, &["-t", "ign"])?;
    let files = r.out(&["run", "--rm", "ign", "find", "/ctx", "-type", "f"])?;
    let mut files: Vec<&str> = files.lines().collect();
    files.sort();
    check_eq!(files, vec!["/ctx/.dockerignore", "/ctx/a.txt", "/ctx/deep/er/f.txt", "/ctx/keep.log"]);
    // An ignored file named as a source is not there.
    std::fs::write(dir.join("Dockerfile"), format!("{}\nCOPY x.log /\n", from())).expect("write");
    let out = build(&r, &dir, &[]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("\"/x.log\": not found"), "{}", out.stderr);
    // NAME.dockerignore beside the Dockerfile wins.
    std::fs::write(dir.join("Other"), format!("{}\nCOPY . /ctx\n", from())).expect("write");
    std::fs::write(dir.join("Other.dockerignore"), "*\n!a.txt\n").expect("write");
    let f = dir.join("Other").to_string_lossy().into_owned();
    build_ok(&r, &dir, &["-f", &f, "-t", "ign2"])?;
    check_eq!(r.out(&["run", "--rm", "ign2", "find", "/ctx", "-type", "f"])?, "/ctx/a.txt");
    nothing_left(&r)
}

fn cache_hits_and_misses() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df =
        format!("{}\nCOPY one /one\nRUN cat /one > /copy1\nCOPY two /two\nRUN cat /two > /copy2\n", from());
    let dir = ctx(&[("Dockerfile", &df), ("one", "1"), ("two", "2")]);
    let first = build_ok(&r, &dir, &["-q", "-t", "c1"])?.stdout;
    let again = build_ok(&r, &dir, &[])?;
    check_eq!(again.stderr.matches("CACHED").count(), 4);
    check!(!again.stderr.contains(" DONE 0.") || again.stderr.matches("CACHED").count() == 4);
    let second = build_ok(&r, &dir, &["-q", "-t", "c2"])?.stdout;
    check_eq!(first, second);
    // The terminal view: one line per step, redrawn in place.
    let tty = build_ok(&r, &dir, &["--progress=tty"])?.stderr;
    check!(tty.contains("FINISHED") && tty.contains("[+] Building"), "{tty}");
    check!(tty.contains(" => CACHED [2/5] COPY one /one"), "{tty}");
    // Changing the second file re-runs only what follows it.
    std::fs::write(dir.join("two"), "22").expect("write");
    let out = build_ok(&r, &dir, &["-t", "c3"])?;
    check!(
        out.stderr.contains("COPY one /one\n#") && out.stderr.matches("CACHED").count() == 2,
        "{}",
        out.stderr
    );
    check_eq!(r.out(&["run", "--rm", "c3", "cat", "/copy2"])?, "22");
    // Mode changes count too; times do not.
    std::fs::write(dir.join("one"), "1").expect("rewrite same bytes");
    let out = build_ok(&r, &dir, &[])?;
    check_eq!(out.stderr.matches("CACHED").count(), 4);
    let out = build_ok(&r, &dir, &["--no-cache"])?;
    check_eq!(out.stderr.matches("CACHED").count(), 0);
    let df_usage = r.out(&["system", "df", "--format", "{{.Type}} {{.TotalCount}}"])?;
    check!(df_usage.lines().any(|l| l.starts_with("Build Cache ") && l != "Build Cache 0"), "{df_usage}");
    let pruned = r.out(&["builder", "prune", "-f"])?;
    check!(pruned.contains("Total reclaimed space:"), "{pruned}");
    check_eq!(
        r.out(&["system", "df", "--format", "{{.Type}} {{.TotalCount}}"])?.lines().last().unwrap_or(""),
        "Build Cache 0"
    );
    let out = build_ok(&r, &dir, &[])?;
    check_eq!(out.stderr.matches("CACHED").count(), 0);
    nothing_left(&r)
}

fn run_mounts_and_secrets() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!(
        "{}\nRUN --mount=type=cache,target=/cache echo x >> /cache/f && wc -l < /cache/f > /count\nRUN --mount=type=secret,id=tok cat /run/secrets/tok > /tok-copy\nRUN --mount=type=secret,id=tok,env=TOK echo \"$TOK\" > /tok-env\nRUN --mount=type=tmpfs,target=/scratch touch /scratch/f && ls /scratch > /scratch-list\nRUN --mount=type=bind,source=data,target=/mnt cat /mnt/d > /bound\nRUN --network=none ip -o link | wc -l > /links-none\nRUN ip -o link | wc -l > /links-default\nRUN ulimit -n > /nofile && df -k /dev/shm | tail -1 | awk '{{print $2}}' > /shm\n",
        from()
    );
    let dir = ctx(&[("Dockerfile", &df), ("data/d", "bound data")]);
    let secret = dir.join("tok.txt");
    std::fs::write(&secret, "s3cret").expect("write");
    let sec = format!("id=tok,src={}", secret.display());
    build_ok(&r, &dir, &["--secret", &sec, "--ulimit", "nofile=512:1024", "--shm-size", "32m", "-t", "m1"])?;
    check_eq!(r.out(&["run", "--rm", "m1", "cat", "/nofile", "/shm"])?, "512\n32768");
    // --network=none leaves only lo; the default network adds an interface.
    check_eq!(r.out(&["run", "--rm", "m1", "cat", "/links-none"])?, "1");
    let links: u32 = r.out(&["run", "--rm", "m1", "cat", "/links-default"])?.parse().unwrap_or(0);
    check!(links >= 2, "default network: {links} links");
    let out = build(&r, &dir, &["--ulimit", "bogus=1"]);
    check!(out.code != 0 && out.stderr.contains("invalid ulimit type: bogus"), "{}", out.stderr);
    build_ok(&r, &dir, &["--secret", &sec, "--no-cache", "-t", "m2"])?;
    check_eq!(r.out(&["run", "--rm", "m1", "cat", "/count"])?, "1");
    check_eq!(r.out(&["run", "--rm", "m2", "cat", "/count"])?, "2");
    check_eq!(r.out(&["run", "--rm", "m1", "cat", "/tok-copy"])?, "s3cret");
    check_eq!(
        r.out(&["run", "--rm", "m1", "cat", "/tok-env", "/scratch-list", "/bound"])?,
        "s3cret\nf\nbound data"
    );
    // The mount points are not part of the image.
    let listing =
        r.out(&["run", "--rm", "m1", "sh", "-c", "ls -d /cache /run/secrets /scratch /mnt 2>&1 || true"])?;
    check!(
        !listing.contains("/cache\n") && !listing.lines().any(|l| l == "/scratch" || l == "/run/secrets"),
        "{listing}"
    );
    nothing_left(&r)
}

fn onbuild_triggers() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let base = ctx(&[(
        "Dockerfile",
        &format!("{}\nONBUILD COPY hello /hello\nONBUILD RUN echo triggered > /t\n", from()),
    )]);
    build_ok(&r, &base, &["-t", "onbase"])?;
    let c = config(&r, "onbase")?;
    check_eq!(c["OnBuild"], serde_json::json!(["COPY hello /hello", "RUN echo triggered > /t"]));
    let child = ctx(&[("Dockerfile", "FROM onbase\nRUN cat /t /hello > /both\n"), ("hello", "hi")]);
    let out = build_ok(&r, &child, &["-t", "onchild"])?;
    check!(out.stderr.contains("[2/4] ONBUILD COPY hello /hello"), "{}", out.stderr);
    check_eq!(r.out(&["run", "--rm", "onchild", "cat", "/both"])?, "triggered\nhi");
    check_eq!(config(&r, "onchild")?["OnBuild"], serde_json::Value::Null);
    nothing_left(&r)
}

fn failing_step_leaves_nothing() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let dir = ctx(&[(
        "Dockerfile",
        &format!("{}\nRUN echo partial > /p\nRUN echo before failing; exit 3\n", from()),
    )]);
    let out = build(&r, &dir, &["-t", "broken"]);
    check_eq!(out.code, 1);
    check!(
        out.stderr.trim_end().ends_with(
            "ERROR: failed to build: failed to solve: process \"/bin/sh -c echo before failing; exit 3\" did not complete successfully: exit code: 3"
        ),
        "{}",
        out.stderr
    );
    check!(out.stderr.contains("#6 ERROR: process \"/bin/sh -c echo before failing; exit 3\" did not complete successfully: exit code: 3"), "{}", out.stderr);
    check!(out.stderr.contains(" > [3/3] RUN echo before failing; exit 3:\n"), "{}", out.stderr);
    check!(out.stderr.contains("before failing\n"), "{}", out.stderr);
    check!(out.stderr.contains("Dockerfile:3\n"), "{}", out.stderr);
    check!(r.run(&["image", "inspect", "broken"]).code != 0, "a failed build tags nothing");
    nothing_left(&r)
}

fn errors_in_dockers_words() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let dir = ctx(&[("Dockerfile", &format!("{}\nRUN true\nbogus thing\n", from()))]);
    let out = build(&r, &dir, &[]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("Dockerfile:3\n"), "{}", out.stderr);
    check!(
        out.stderr.contains("dockerfile parse error on line 3: unknown instruction: bogus"),
        "{}",
        out.stderr
    );
    let out = r.run(&["build", "/nonexistent-context-dir"]);
    check_eq!(out.code, 1);
    check!(
        out.stderr.contains("unable to prepare context: path \"/nonexistent-context-dir\" not found"),
        "{}",
        out.stderr
    );
    let empty = ctx(&[("x", "")]);
    let out = build(&r, &empty, &[]);
    check_eq!(out.code, 1);
    check!(
        out.stderr.contains("failed to read dockerfile: open Dockerfile: no such file or directory"),
        "{}",
        out.stderr
    );
    let missing = ctx(&[("Dockerfile", &format!("{}\nCOPY nothere /x\n", from()))]);
    let out = build(&r, &missing, &[]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("\"/nothere\": not found"), "{}", out.stderr);
    let out = build(&r, &missing, &["-t", "Bad:Tag"]);
    check!(
        out.code != 0 && out.stderr.contains("invalid argument \"Bad:Tag\" for \"-t, --tag\" flag"),
        "{}",
        out.stderr
    );
    let out = build(&r, &missing, &["--platform", "linux/s390x"]);
    check!(out.code == 1 && out.stderr.contains("linux/s390x"), "{}", out.stderr);
    nothing_left(&r)
}

fn context_from_stdin_and_outputs() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let dir = ctx(&[("Dockerfile", &format!("{}\nCOPY f /f\n", from())), ("f", "from tar")]);
    let tar =
        std::process::Command::new("tar").arg("-cz").arg("-C").arg(&*dir).arg(".").output().expect("tar");
    let out = r.run_input(&["build", "-q", "-t", "fromtar", "-"], &tar.stdout);
    check_eq!(out.code, 0);
    check_eq!(r.out(&["run", "--rm", "fromtar", "cat", "/f"])?, "from tar");
    // A Dockerfile alone on stdin: no context.
    let df = format!("{}\nRUN echo plain > /p\n", from());
    let out = r.run_input(&["build", "-q", "-t", "plain", "-"], df.as_bytes());
    check_eq!(out.code, 0);
    check_eq!(r.out(&["run", "--rm", "plain", "cat", "/p"])?, "plain");
    // -f - with a directory context.
    let df = format!("{}\nCOPY f /g\n", from());
    let d = dir.to_string_lossy().into_owned();
    let out = r.run_input(&["build", "-q", "-t", "dashf", "-f", "-", &d], df.as_bytes());
    check_eq!(out.code, 0);
    check_eq!(r.out(&["run", "--rm", "dashf", "cat", "/g"])?, "from tar");
    // --output local and tar write the filesystem instead of an image.
    let dest = temp_dir("out");
    let o = format!("type=local,dest={}", dest.display());
    check_eq!(r.run(&["build", "-q", "-o", &o, &d]).code, 0);
    check_eq!(std::fs::read_to_string(dest.join("f")).unwrap_or_default(), "from tar");
    check!(dest.join("bin/busybox").exists());
    let tarfile = dest.join("fs.tar");
    let o = format!("type=tar,dest={}", tarfile.display());
    check_eq!(r.run(&["build", "-q", "-o", &o, &d]).code, 0);
    let list = std::process::Command::new("tar").arg("-tf").arg(&tarfile).output().expect("tar");
    check!(String::from_utf8_lossy(&list.stdout).lines().any(|l| l.trim_start_matches("./") == "f"));
    let _ = std::fs::remove_dir_all(&dest);
    nothing_left(&r)
}

fn interrupted_build_cleans_up() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let dir = ctx(&[("Dockerfile", &format!("{}\nRUN echo started; sleep 77\n", from()))]);
    let sleeping = || {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == b"sleep\x0077\x00"))
    };
    let steps = |r: &Rdock| std::fs::read_dir(r.root.join("containers")).map(|d| d.count()).unwrap_or(0);
    for signal in [nix::sys::signal::Signal::SIGINT, nix::sys::signal::Signal::SIGKILL] {
        let mut child = r.spawn(&["build", "-t", "never", &dir.to_string_lossy()]);
        if !wait_for(Duration::from_secs(20), || steps(&r) > 0) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("no step container appeared".into());
        }
        std::thread::sleep(Duration::from_millis(300));
        // The step's container is the build's own: not listed.
        let listed = r.run(&["ps", "-aq"]).stdout;
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal).expect("signal");
        let status = child.wait().expect("wait");
        check_eq!(listed, "");
        check!(!status.success());
        // The step dies with its build, whichever way the build went.
        check!(wait_for(Duration::from_secs(10), || !sleeping()), "the step outlived its build ({signal})");
        if signal == nix::sys::signal::Signal::SIGKILL {
            // What a killed build left, the next build removes.
            let quick = ctx(&[("Dockerfile", &format!("{}\nRUN true\n", from()))]);
            build_ok(&r, &quick, &[])?;
        }
        check!(wait_for(Duration::from_secs(10), || steps(&r) == 0), "step containers left after {signal}");
        check!(r.run(&["image", "inspect", "never"]).code != 0);
        nothing_left(&r)?;
    }
    Ok(())
}

/// The first layer blob of the registry's busybox, as a URL and its digest.
fn busybox_blob(r: &Rdock) -> Result<(String, String), libtest_mimic::Failed> {
    let img = image("busybox");
    let (host, repo) = img.split_once('/').ok_or("image name")?;
    // The pulled layer's blob, stored under the digest the registry serves it by.
    let digest = std::fs::read_dir(r.root.join("blobs/sha256"))
        .map_err(|e| format!("blobs: {e}"))?
        .flatten()
        .filter(|e| e.metadata().map(|m| m.len() > 100_000).unwrap_or(false))
        .map(|e| format!("sha256:{}", e.file_name().to_string_lossy()))
        .next()
        .ok_or("no layer blob")?;
    Ok((format!("http://{host}/v2/{repo}/blobs/{digest}"), digest))
}

fn urls_contexts_and_copy_flags() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let (url, digest) = busybox_blob(&r)?;
    let other = ctx(&[("extra/e.txt", "from another context\n")]);
    let df = format!(
        "{from} AS base\nRUN mkdir -p /opt/tool && echo tool > /opt/tool/t\n\n{from}\nADD --checksum={digest} {url} /dl/\nADD {url} /named\nCOPY --from=extra e.txt /e.txt\nCOPY --from=img /bin/busybox /copied-busybox\nRUN --mount=type=bind,from=base,source=/opt/tool,target=/mnt cat /mnt/t > /from-stage\nCOPY --exclude=*.skip --exclude=sub/no tree /tree\nCOPY --parents src/./a/b.txt /keep/\nFROM --platform=$BUILDPLATFORM {img} AS plat\n",
        from = from(),
        img = image("busybox"),
    );
    let dir = ctx(&[
        ("Dockerfile", &df),
        ("tree/keep.txt", "k"),
        ("tree/x.skip", "s"),
        ("tree/sub/no", "n"),
        ("tree/sub/yes", "y"),
        ("src/a/b.txt", "b"),
    ]);
    let extra = format!("extra={}", other.join("extra").display());
    let img = format!("img=docker-image://{}", image("busybox"));
    build_ok(
        &r,
        &dir,
        &["--build-context", &extra, "--build-context", &img, "--target", "plat", "-t", "plat"],
    )?;
    // The flags are checked in the unnamed stage: the file without the last one.
    let df1 = df.split("FROM --platform").next().unwrap_or("").to_string();
    std::fs::write(dir.join("Dockerfile"), df1).expect("write");
    build_ok(&r, &dir, &["--build-context", &extra, "--build-context", &img, "-t", "flags"])?;
    let blob_name = digest.clone();
    let sh = |cmd: &str| r.out(&["run", "--rm", "flags", "sh", "-c", cmd]);
    check_eq!(sh(&format!("stat -c '%a %s' /dl/{blob_name}"))?.split(' ').next().unwrap_or(""), "600");
    check_eq!(sh("sha256sum /named | cut -c1-64")?, digest.trim_start_matches("sha256:"));
    check_eq!(sh("cat /e.txt /from-stage")?, "from another context\ntool");
    check_eq!(sh("test -x /copied-busybox && echo yes")?, "yes");
    check_eq!(sh("cd /tree && find . -type f | sort")?, "./keep.txt\n./sub/yes");
    check_eq!(sh("cat /keep/a/b.txt")?, "b");
    // A wrong checksum fails the build.
    let bad = format!("{}\nADD --checksum=sha256:{} {url} /x\n", from(), "0".repeat(64));
    std::fs::write(dir.join("Dockerfile"), bad).expect("write");
    let out = build(&r, &dir, &[]);
    check!(out.code == 1 && out.stderr.contains("digest mismatch"), "{}", out.stderr);
    nothing_left(&r)
}

fn inline_cache_from_an_image() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let dir = ctx(&[("Dockerfile", &format!("{}\nCOPY f /f\nRUN cat /f > /g\n", from())), ("f", "cached")]);
    let repo = format!("{}-inline", image("buildcache"));
    build_ok(&r, &dir, &["--build-arg", "BUILDKIT_INLINE_CACHE=1", "-t", &repo])?;
    r.ok(&["push", &repo])?;
    // A fresh store (as on another CI runner) takes the steps from the image.
    let fresh = Rdock::new();
    fresh.pull("busybox")?;
    let out = build_ok(&fresh, &dir, &["--cache-from", &repo, "-t", "again"])?;
    check_eq!(out.stderr.matches("CACHED").count(), 2);
    check_eq!(fresh.out(&["run", "--rm", "again", "cat", "/g"])?, "cached");
    // Without the cache source, the steps run.
    let other = Rdock::new();
    other.pull("busybox")?;
    let out = build_ok(&other, &dir, &["-t", "again"])?;
    check_eq!(out.stderr.matches("CACHED").count(), 0);
    nothing_left(&fresh)
}

fn concurrent_builds_share_the_cache() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!("{}\nCOPY f /f\nRUN sleep 0.5; cat /f > /g\nRUN --mount=type=cache,target=/c,sharing=locked echo x >> /c/n\n", from());
    let dir = ctx(&[("Dockerfile", &df), ("f", "same")]);
    let d = dir.to_string_lossy().into_owned();
    let children: Vec<_> = (0..3).map(|i| r.spawn(&["build", "-q", "-t", &format!("par{i}"), &d])).collect();
    let mut ids = Vec::new();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        check!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        ids.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    for i in 0..3 {
        check_eq!(r.out(&["run", "--rm", &format!("par{i}"), "cat", "/g"])?, "same");
    }
    // Now cached: every build of it gives one of the images made.
    let again = build_ok(&r, &dir, &["-q"])?.stdout.trim().to_string();
    check!(ids.contains(&again), "{again} not in {ids:?}");
    nothing_left(&r)
}

fn hostile_dockerfiles() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    // A rw bind of the context writes to a copy: the caller's files stay as
    // they are, and what .dockerignore hides is not in it, nor behind a link.
    let df = format!(
        "{}\nRUN --mount=type=bind,target=/c,rw echo changed > /c/f && ln -s / /c/rootlink && ls /c > /seen && cat /c/f > /inside\nRUN echo one\nRUN echo two\nRUN echo three\nADD suid.tar /s/\nRUN ln -s /made/here /out\nCOPY f /out/f\nRUN --mount=type=cache,target=/a/../b/c true\n",
        from()
    );
    let dir =
        ctx(&[("Dockerfile", &df), ("f", "original\n"), (".dockerignore", "hidden\n"), ("hidden", "secret")]);
    std::os::unix::fs::symlink("hidden", dir.join("link")).expect("symlink");
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(3);
    h.set_mode(0o4755);
    h.set_cksum();
    b.append_data(&mut h, "suid", &b"#!\n"[..]).expect("tar");
    std::fs::write(dir.join("suid.tar"), b.into_inner().expect("tar")).expect("write");
    build_ok(&r, &dir, &["-t", "hostile"])?;
    check_eq!(std::fs::read_to_string(dir.join("f")).unwrap_or_default(), "original\n");
    check!(!dir.join("rootlink").exists(), "the step wrote into the context");
    let sh = |cmd: &str| r.out(&["run", "--rm", "hostile", "sh", "-c", cmd]);
    check_eq!(sh("cat /inside")?, "changed");
    check!(!sh("cat /seen")?.lines().any(|l| l == "hidden"), "{}", sh("cat /seen")?);
    // Identical (empty) layers stack; setuid survives ADD; COPY through a
    // dangling link makes its target inside the image.
    check_eq!(sh("stat -c %a /s/suid")?, "4755");
    check_eq!(sh("cat /made/here/f")?, "original");
    check!(
        sh("test -e /b/c && echo left || echo clean")? == "clean",
        "a cache mount point was left in the image"
    );
    let cases: &[(&str, &str)] = &[
        ("COPY link /x\n", "\"/link\": not found"),
        ("RUN <<EOF\necho never ends\n", "unterminated heredoc"),
        (
            &(1..40).map(|i| format!("ARG A{i}=${{A{0}}}${{A{0}}}\n", i - 1)).collect::<String>(),
            "longer than 16 MiB",
        ),
    ];
    for (tail, want) in cases {
        let text = if tail.starts_with("ARG") {
            format!("{}\nARG A0=xx\n{tail}RUN true\n", from())
        } else {
            format!("{}\n{tail}", from())
        };
        std::fs::write(dir.join("Dockerfile"), text).expect("write");
        let out = build(&r, &dir, &[]);
        check!(out.code == 1 && out.stderr.contains(want), "want {want}: rc {} {}", out.code, out.stderr);
    }
    nothing_left(&r)
}

/// More layers than full paths fit in overlayfs's option string (about 50).
fn many_layers() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let steps: String = (0..70).map(|i| format!("COPY f /f{i}\n")).collect();
    let dir =
        ctx(&[("Dockerfile", &format!("{}\n{steps}RUN ls / | grep -c '^f' > /count\n", from())), ("f", "x")]);
    build_ok(&r, &dir, &["-t", "tall"])?;
    check_eq!(r.out(&["run", "--rm", "tall", "cat", "/count"])?, "70");
    check_eq!(r.inspect("tall")?["RootFS"]["Layers"].as_array().map(|l| l.len()), Some(72));
    nothing_left(&r)
}

fn run_network_hosts_and_cache_filters() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    let df = format!(
        "{from} AS a\nRUN cat /proc/sys/kernel/random/uuid > /t\n\n{from}\nCOPY --from=a /t /t\nRUN cat /etc/hosts > /hosts; ip -o link | wc -l > /links\n",
        from = from()
    );
    let dir = ctx(&[("Dockerfile", &df)]);
    build_ok(&r, &dir, &["--network", "none", "--add-host", "myhost:10.1.2.3", "-t", "n1"])?;
    check_eq!(r.out(&["run", "--rm", "n1", "cat", "/links"])?, "1");
    check!(
        r.out(&["run", "--rm", "n1", "cat", "/hosts"])?.contains("10.1.2.3\tmyhost"),
        "{}",
        r.out(&["run", "--rm", "n1", "cat", "/hosts"])?
    );
    let first = r.out(&["run", "--rm", "n1", "cat", "/t"])?;
    // --no-cache-filter a: stage a runs again, so what follows it too.
    let out = build_ok(
        &r,
        &dir,
        &["--network", "none", "--add-host", "myhost:10.1.2.3", "--no-cache-filter", "a", "-t", "n2"],
    )?;
    check!(!out.stderr.contains("CACHED"), "{}", out.stderr);
    check!(r.out(&["run", "--rm", "n2", "cat", "/t"])? != first);
    // Other flags change the key of the steps they affect.
    let out = build_ok(&r, &dir, &["--network", "none", "--add-host", "myhost:10.1.2.3", "-t", "n3"])?;
    check_eq!(out.stderr.matches("CACHED").count(), 3);
    // --pull fetches the base again; the same image keeps the cache.
    let out =
        build_ok(&r, &dir, &["--pull", "--network", "none", "--add-host", "myhost:10.1.2.3", "-t", "n4"])?;
    check!(out.stderr.contains("[internal] load metadata for"), "{}", out.stderr);
    check_eq!(out.stderr.matches("CACHED").count(), 3);
    // --add-host is part of every RUN step's key.
    let out = build_ok(&r, &dir, &["--network", "none", "-t", "n5"])?;
    check_eq!(out.stderr.matches("CACHED").count(), 0);
    let out = build(&r, &dir, &["--network", "bridge"]);
    check!(out.code == 1 && out.stderr.contains("network mode \"bridge\" not supported"), "{}", out.stderr);
    nothing_left(&r)
}

fn system_prune_takes_the_cache() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let dir = ctx(&[("Dockerfile", &format!("{}\nCOPY f /f\n", from())), ("f", "one")]);
    build_ok(&r, &dir, &["-t", "pr"])?;
    std::fs::write(dir.join("f"), "two").expect("write");
    build_ok(&r, &dir, &["-t", "pr"])?; // the first image is now dangling
    r.ok(&["run", "--name", "stopped", &img, "true"])?;
    let running = r.detach("running", &img, "sleep 60")?;
    let out = r.ok(&["system", "prune", "-f"])?;
    check!(out.contains("Deleted Containers:\n") && out.contains("Deleted Images:\n"), "{out}");
    check!(
        out.contains("Deleted build cache objects:\n") && out.contains("Total reclaimed space: "),
        "{out}"
    );
    check_eq!(r.out(&["ps", "-aq", "--no-trunc"])?, running);
    check_eq!(
        r.out(&["system", "df", "--format", "{{.Type}} {{.TotalCount}}"])?.lines().last().unwrap_or(""),
        "Build Cache 0"
    );
    check!(r.run(&["image", "inspect", "pr"]).code == 0, "a tagged image stays without -a");
    r.ok(&["rm", "-f", "running"])?;
    let out = r.ok(&["system", "prune", "-af"])?;
    check!(r.run(&["image", "inspect", "pr"]).code != 0, "{out}");
    // container prune alone.
    r.ok(&["pull", "-q", &img])?;
    r.ok(&["run", "--name", "again", &img, "true"])?;
    let out = r.ok(&["container", "prune", "-f"])?;
    check!(out.starts_with("Deleted Containers:\n") && out.contains("Total reclaimed space:"), "{out}");
    check_eq!(r.out(&["ps", "-aq"])?, "");
    nothing_left(&r)
}

fn aliases_args_and_prune_filters() -> TestResult {
    let mut r = Rdock::new();
    r.pull("busybox")?;
    r.env.push(("FROM_ENV".into(), "from the environment".into()));
    let df = format!(
        "{}\nARG TARGETARCH\nARG FROM_ENV\nRUN echo \"$TARGETARCH|$FROM_ENV|$HTTP_PROXY\" > /args\n",
        from()
    );
    let dir = ctx(&[("Dockerfile", &df)]);
    let d = dir.to_string_lossy().into_owned();
    let arch = r.out(&["version", "--format", "{{.Server.Arch}}"]).unwrap_or_default();
    for cmd in [&["image", "build"][..], &["buildx", "build"], &["builder", "build"]] {
        let mut args = cmd.to_vec();
        args.extend([
            "-q",
            "--build-arg",
            "FROM_ENV",
            "--build-arg",
            "HTTP_PROXY=http://proxy:3128",
            "-t",
            "alias",
            &d,
        ]);
        r.ok(&args)?;
    }
    let got = r.out(&["run", "--rm", "alias", "cat", "/args"])?;
    check_eq!(
        got,
        format!("{}|from the environment|http://proxy:3128", if arch.is_empty() { "amd64" } else { &arch })
    );
    // Proxy args reach RUN undeclared, and stay out of the history.
    check!(!history(&r, "alias")?.iter().any(|h| h.contains("proxy:3128")), "{:?}", history(&r, "alias")?);
    // Records used now are newer than an hour ago, and fit in a GB.
    let kept = r.out(&["builder", "prune", "-f", "--filter", "until=1h"])?;
    check_eq!(kept, "Total reclaimed space: 0B");
    let kept = r.out(&["builder", "prune", "-f", "--keep-storage", "1GB"])?;
    check_eq!(kept, "Total reclaimed space: 0B");
    let gone = r.out(&["buildx", "prune", "-f"])?;
    check!(gone.starts_with("Deleted build cache objects:\n"), "{gone}");
    let out = r.run(&["build", "-q", "--progress=quiet", &d]);
    check!(out.code == 0 && out.stderr.is_empty(), "{}", out.stderr);
    nothing_left(&r)
}
