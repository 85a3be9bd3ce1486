//! Networks, published ports and `cp`: containers reach each other by name on a
//! user-defined network, published ports answer on the host, everything set
//! up on the host goes with the container. Only 127.0.0.1 and addresses inside
//! namespaces the tests make are contacted.

use std::path::Path;
use std::time::Duration;

use crate::support::{free_port, http_status, rootless, temp_dir, wait_for, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("networks::user_network_by_name", user_network_by_name),
    ("networks::published_ports", published_ports),
    ("networks::two_stores_side_by_side", two_stores_side_by_side),
    ("networks::etc_files_and_modes", etc_files_and_modes),
    ("networks::crash_leaves_no_rules", crash_leaves_no_rules),
    ("networks::network_commands", network_commands),
    ("networks::cp_both_ways", cp_both_ways),
];

/// A tiny web server serving /etc (so /hostname names the container).
const HTTPD: &str = "httpd -f -p 8080 -h /etc";

fn nft_table() -> String {
    let out = std::process::Command::new("nft").args(["list", "table", "ip", "rdock"]).output();
    out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default()
}

/// Whether `addr` answers HTTP (the busybox httpd of these tests) within 5 s.
fn serves(addr: &str) -> bool {
    wait_for(Duration::from_secs(5), || http_status(addr, "/hostname") == Some(200))
}

/// Whether a link exists where the network's bridges are: the host as root,
/// the session's shared network namespace rootless.
fn link_exists(r: &Rdock, name: &str) -> bool {
    if !rootless() {
        return Path::new("/sys/class/net").join(name).exists();
    }
    let Some(pause) = r.pause_pid() else {
        return false;
    };
    let dev = std::fs::read_to_string(format!("/proc/{pause}/net/dev")).unwrap_or_default();
    dev.lines().any(|l| l.trim_start().starts_with(&format!("{name}:")))
}

/// Accepts one connection on `listener` and greets it.
fn greet_once(listener: std::net::TcpListener) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        if let Ok((mut conn, _)) = listener.accept() {
            let _ = std::io::Write::write_all(&mut conn, b"hello-from-host\n");
        }
    })
}

fn user_network_by_name() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let net = format!("tn{}", std::process::id() % 100000);
    let other = format!("tm{}", std::process::id() % 100000);
    r.ok(&["network", "create", &net])?;
    r.ok(&["network", "create", &other])?;
    let port = free_port();
    let srv = r.ok(&[
        "run",
        "-d",
        "--name",
        "srv",
        "--network",
        &net,
        "--network-alias",
        "db",
        "-p",
        &format!("127.0.0.1:{port}:8080"),
        &img,
        "sh",
        "-c",
        HTTPD,
    ])?;
    let short = &srv.trim()[..12];
    let fetch = |host: &str| {
        format!("for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://{host}:8080/hostname && exit 0; sleep 0.2; done; exit 1")
    };
    // By name and by alias, from a container on the same network.
    check_eq!(r.out(&["run", "--rm", "--network", &net, &img, "sh", "-c", &fetch("srv")])?, short);
    check_eq!(r.out(&["run", "--rm", "--network", &net, &img, "sh", "-c", &fetch("db")])?, short);
    // Its published port answers on the host's loopback.
    let addr = format!("127.0.0.1:{port}");
    check!(serves(&addr), "{addr} does not answer");
    // Not from another network, which has no route or name for it.
    let out = r.run(&[
        "run",
        "--rm",
        "--network",
        &other,
        &img,
        "wget",
        "-qO-",
        "-T",
        "2",
        "http://srv:8080/hostname",
    ]);
    check!(out.code != 0, "{}", out.stdout);
    // The host, through host-gateway (as root the bridge's address is the host's;
    // rootless the gateway maps to the host's loopback).
    let host_ip = if rootless() {
        "127.0.0.1".to_string()
    } else {
        r.out(&["network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", &net])?
    };
    let listener = std::net::TcpListener::bind(format!("{host_ip}:0"))?;
    let host_port = listener.local_addr()?.port().to_string();
    let greeter = greet_once(listener);
    let got = r.out(&[
        "run",
        "--rm",
        "--network",
        &net,
        "--add-host",
        "host.test:host-gateway",
        &img,
        "sh",
        "-c",
        // stdin held open: pasta does not pass the host's close on to a
        // connection the container half-closed first.
        &format!("mkfifo /tmp/in && exec 3<>/tmp/in && nc -w 5 host.test {host_port} <&3"),
    ])?;
    check_eq!(got, "hello-from-host");
    let _ = greeter.join();
    // connect/disconnect of a running container changes what the others see.
    r.ok(&["run", "-d", "--name", "cli", "--network", &other, &img, "sleep", "1000"])?;
    r.ok(&["network", "connect", "--alias", "client", &net, "cli"])?;
    check_eq!(r.out(&["exec", "cli", "sh", "-c", &fetch("srv")])?, short);
    let hosts = r.ok(&["exec", "srv", "cat", "/etc/hosts"])?;
    check!(hosts.lines().any(|l| l.contains("\tcli client")), "{hosts}");
    let ifaces = r.ok(&["exec", "cli", "ls", "/sys/class/net"])?;
    check_eq!(ifaces.split_whitespace().collect::<Vec<_>>(), vec!["eth0", "eth1", "lo"]);
    let inspect = r.ok(&["network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{end}}", &net])?;
    check!(inspect.contains("srv") && inspect.contains("cli"), "{inspect}");
    r.ok(&["network", "disconnect", &net, "cli"])?;
    let hosts = r.ok(&["exec", "srv", "cat", "/etc/hosts"])?;
    check!(!hosts.contains("cli"), "{hosts}");
    check_eq!(r.out(&["exec", "cli", "ls", "/sys/class/net"])?.split_whitespace().count(), 2);
    // In use: not removable; then gone with its bridge.
    let bridge =
        r.out(&["network", "inspect", "-f", "{{index .Options \"com.docker.network.bridge.name\"}}", &net])?;
    check!(link_exists(&r, &bridge), "bridge {bridge} missing");
    let out = r.run(&["network", "rm", &net]);
    check!(out.code == 1 && out.stderr.contains("has active endpoints"), "{}", out.stderr);
    let veth = format!("rd{}0", &srv.trim()[..10]);
    check!(link_exists(&r, &veth), "veth {veth} missing");
    r.ok(&["rm", "-f", "srv", "cli"])?;
    check!(!link_exists(&r, &veth), "veth {veth} left after rm");
    check!(http_status(&addr, "/hostname").is_none(), "{addr} still answers after rm");
    check!(no_helper_left(srv.trim())?, "a helper of srv is left");
    r.ok(&["network", "rm", &net, &other])?;
    check!(!link_exists(&r, &bridge), "bridge {bridge} left after network rm");
    Ok(())
}

/// No process of ours names the container (rootless helpers carry its id in
/// their arguments); as root, no nft rule does.
fn no_helper_left(id: &str) -> Result<bool, libtest_mimic::Failed> {
    if !rootless() {
        return Ok(!nft_table().contains(id));
    }
    let helpers = std::process::Command::new("pgrep")
        .args(["-u", &nix::unistd::getuid().to_string(), "-f", id])
        .output()?;
    Ok(String::from_utf8_lossy(&helpers.stdout).trim().is_empty())
}

fn published_ports() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let port = free_port();
    let spec = format!("127.0.0.1:{port}:8080");
    let id = r.ok(&["run", "-d", "--name", "web", "-p", &spec, "-p", "8081", &img, "sh", "-c", HTTPD])?;
    let id = id.trim().to_string();
    let addr = format!("127.0.0.1:{port}");
    check!(serves(&addr), "{addr} does not answer");
    check_eq!(r.out(&["port", "web", "8080"])?, format!("127.0.0.1:{port}"));
    let all = r.out(&["port", "web"])?;
    check!(
        all.contains(&format!("8080/tcp -> 127.0.0.1:{port}")) && all.contains("8081/tcp -> 0.0.0.0:"),
        "{all}"
    );
    let ps = r.out(&["ps", "--format", "{{.Ports}}"])?;
    check!(ps.contains(&format!("127.0.0.1:{port}->8080/tcp")), "{ps}");
    check_eq!(
        r.out(&[
            "inspect",
            "-f",
            "{{(index (index .NetworkSettings.Ports \"8080/tcp\") 0).HostPort}}",
            "web"
        ])?,
        port.to_string()
    );
    // The same host port for a second container: a clear error, no container left running.
    let out = r.run(&["run", "-d", "--name", "web2", "-p", &spec, &img, "sleep", "100"]);
    check_eq!(out.code, 125);
    check!(out.stderr.contains("port is already allocated"), "{}", out.stderr);
    // -P publishes EXPOSE (here --expose) on a free port, reachable from another interface too.
    r.ok(&["run", "-d", "--name", "pub", "-P", "--expose", "8080", &img, "sh", "-c", HTTPD])?;
    let any = r.out(&["port", "pub", "8080"])?;
    let any_port = any.rsplit(':').next().unwrap_or_default().to_string();
    check!(any.starts_with("0.0.0.0:") && any_port.parse::<u16>().is_ok(), "{any}");
    let host_ip = if rootless() {
        "127.0.0.1".to_string()
    } else {
        // The default bridge's gateway: a host address that is not loopback.
        r.out(&["network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge"])?
    };
    let other = format!("{host_ip}:{any_port}");
    check!(serves(&other), "{other} does not answer");
    r.ok(&["rm", "-f", "web", "pub"])?;
    // Everything is gone: nothing answers, no rules, no veth, no helper.
    check!(http_status(&addr, "/hostname").is_none(), "{addr} still answers");
    check!(no_helper_left(&id)?, "helper or rules left");
    if !rootless() {
        // Rootless, the default network has no veth (pasta instead).
        check!(!link_exists(&r, &format!("rd{}0", &id[..10])), "veth left");
        return Ok(());
    }
    // Rootless with slirp4netns instead of pasta: rdock-ports publishes.
    let port = free_port();
    let slirp = |args: &[&str]| r.command(args).env("RDOCK_ROOTLESS_NET", "slirp4netns").output();
    let out = slirp(&["run", "-d", "-p", &format!("127.0.0.1:{port}:8080"), &img, "sh", "-c", HTTPD])?;
    check!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let addr = format!("127.0.0.1:{port}");
    check!(serves(&addr), "{addr} does not answer through slirp4netns");
    r.ok(&["rm", "-f", &id])?;
    check!(http_status(&addr, "/hostname").is_none(), "{addr} still answers");
    check!(no_helper_left(&id)?, "helper left");
    Ok(())
}

fn etc_files_and_modes() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let hosts = r.ok(&[
        "run",
        "--rm",
        "--add-host",
        "foo.test:10.1.2.3",
        "--add-host",
        "gw.test:host-gateway",
        &img,
        "cat",
        "/etc/hosts",
    ])?;
    check!(hosts.contains("10.1.2.3\tfoo.test"), "{hosts}");
    check!(hosts.lines().any(|l| l.ends_with("\tgw.test") && !l.starts_with("host-gateway")), "{hosts}");
    let resolv = r.ok(&[
        "run",
        "--rm",
        "--dns",
        "10.9.9.9",
        "--dns-search",
        "example.test",
        "--dns-option",
        "ndots:2",
        &img,
        "cat",
        "/etc/resolv.conf",
    ])?;
    check!(
        resolv.contains("nameserver 10.9.9.9")
            && resolv.contains("search example.test")
            && resolv.contains("options ndots:2"),
        "{resolv}"
    );
    check!(!resolv.lines().any(|l| l.starts_with("nameserver 127.")), "{resolv}");
    check_eq!(r.out(&["run", "--rm", "--hostname", "box1", &img, "hostname"])?, "box1");
    check_eq!(r.out(&["run", "--rm", "--network", "none", &img, "ls", "/sys/class/net"])?, "lo");
    let out = r.run(&["run", "--rm", "--network", "none", "--network", "bridge", &img, "true"]);
    check!(out.code == 125 && out.stderr.contains("conflicting options"), "{}", out.stderr);
    let out = r.run(&["run", "--rm", "-p", "80:80:80", &img, "true"]);
    check!(out.code == 125 && out.stderr.contains("rdock: invalid IP address: 80"), "{}", out.stderr);
    // The default network: a route out through the gateway (and as root, a
    // veth whose address --mac-address sets; rootless pasta copies the host's).
    let route = r.ok(&["run", "--rm", &img, "ip", "route"])?;
    check!(route.starts_with("default via "), "{route}");
    if !rootless() {
        let addr = r.ok(&[
            "run",
            "--rm",
            "--mac-address",
            "02:42:0a:0b:0c:0d",
            &img,
            "cat",
            "/sys/class/net/eth0/address",
        ])?;
        check_eq!(addr.trim(), "02:42:0a:0b:0c:0d");
    }
    // --ip on a user network with a subnet of its own.
    let net = format!("ipn{}", std::process::id() % 100000);
    r.ok(&["network", "create", "--subnet", "10.213.7.0/24", "--ip-range", "10.213.7.128/25", &net])?;
    let ip = r.ok(&[
        "run",
        "--rm",
        "--network",
        &net,
        "--ip",
        "10.213.7.9",
        &img,
        "ip",
        "-4",
        "addr",
        "show",
        "eth0",
    ])?;
    check!(ip.contains("inet 10.213.7.9/24"), "{ip}");
    let ip = r.ok(&["run", "--rm", "--network", &net, &img, "ip", "-4", "addr", "show", "eth0"])?;
    check!(ip.contains("inet 10.213.7.128/24"), "the range is used first: {ip}");
    let out = r.run(&["run", "--rm", "--ip", "10.213.7.9", &img, "true"]);
    check!(out.code == 125 && out.stderr.contains("user defined networks"), "{}", out.stderr);
    // container:NAME shares the other's namespace.
    r.ok(&["run", "-d", "--name", "first", &img, "sleep", "1000"])?;
    let theirs = r.ok(&["exec", "first", "readlink", "/proc/self/ns/net"])?;
    let mine =
        r.ok(&["run", "--rm", "--network", "container:first", &img, "readlink", "/proc/self/ns/net"])?;
    check!(theirs.starts_with("net:["), "{theirs}");
    check_eq!(mine, theirs);
    r.ok(&["rm", "-f", "first"])?;
    r.ok(&["network", "rm", &net])?;
    Ok(())
}

fn crash_leaves_no_rules() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let port = free_port();
    let id = r.ok(&[
        "run",
        "-d",
        "--name",
        "doomed",
        "-p",
        &format!("127.0.0.1:{port}:8080"),
        &img,
        "sh",
        "-c",
        HTTPD,
    ])?;
    let id = id.trim().to_string();
    let (_, ppid) = r.supervisor("doomed")?;
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(ppid), nix::sys::signal::Signal::SIGKILL)?;
    check!(wait_for(Duration::from_secs(5), || std::fs::read_to_string(format!("/proc/{ppid}/stat"))
        .map(|s| s.contains(") Z "))
        .unwrap_or(true)));
    // The next command cleans up what the dead supervisor left.
    check_eq!(r.out(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])?, "doomed exited");
    check!(http_status(&format!("127.0.0.1:{port}"), "/").is_none(), "the port still answers");
    check!(no_helper_left(&id)?, "helper or rules left");
    if !rootless() {
        // Rootless, the default network has no veth (pasta instead).
        check!(!link_exists(&r, &format!("rd{}0", &id[..10])), "veth left");
    }
    // And the port is free for the next container.
    r.ok(&["rm", "doomed"])?;
    r.ok(&[
        "run",
        "-d",
        "--name",
        "again",
        "-p",
        &format!("127.0.0.1:{port}:8080"),
        &img,
        "sh",
        "-c",
        HTTPD,
    ])?;
    let addr = format!("127.0.0.1:{port}");
    check!(serves(&addr), "{addr} does not answer");
    Ok(())
}

fn network_commands() -> TestResult {
    let r = Rdock::new();
    let names = r.out(&["network", "ls", "--format", "{{.Name}} {{.Driver}}"])?;
    check_eq!(names, "bridge bridge\nhost host\nnone null");
    let net = format!("lbl{}", std::process::id() % 100000);
    let id = r.out(&["network", "create", "--label", "team=a", "--internal", &net])?;
    check_eq!(id.len(), 64);
    check_eq!(r.out(&["network", "ls", "-q", "--filter", "label=team=a"])?, id[..12].to_string());
    check_eq!(r.out(&["network", "ls", "--filter", "type=custom", "--format", "{{.Name}}"])?, net.clone());
    // Unused and not predefined: dangling, as Docker counts it.
    check_eq!(r.out(&["network", "ls", "--filter", "dangling=true", "--format", "{{.Name}}"])?, net.clone());
    check_eq!(
        r.out(&["network", "ls", "--filter", "dangling=false", "--format", "{{.Name}}"])?,
        "bridge\nhost\nnone"
    );
    check_eq!(
        r.out(&["network", "inspect", "-f", "{{.Internal}} {{.Driver}} {{.Labels.team}}", &net])?,
        "true bridge a"
    );
    let out = r.run(&["network", "create", &net]);
    check!(out.code == 1 && out.stderr.contains("already exists"), "{}", out.stderr);
    let out = r.run(&["network", "create", "--subnet", "10.0.0.1/8", "x1"]);
    check!(out.code == 1 && out.stderr.contains("host bits"), "{}", out.stderr);
    let out = r.run(&["network", "rm", "bridge"]);
    check!(out.code == 1 && out.stderr.contains("pre-defined"), "{}", out.stderr);
    let out = r.run(&["network", "inspect", "nosuchnet"]);
    check!(out.code == 1 && out.stderr.contains("network nosuchnet not found"), "{}", out.stderr);
    check_eq!(r.out(&["network", "prune", "-f"])?, format!("Deleted Networks:\n{net}"));
    check_eq!(r.out(&["network", "ls", "-q", "--filter", "type=custom"])?, "");
    Ok(())
}

fn cp_both_ways() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let dir = temp_dir("cp");
    let cleanup = scopeguard(&dir);
    std::fs::create_dir_all(dir.join("src/sub"))?;
    std::fs::write(dir.join("src/a.txt"), "alpha")?;
    std::fs::write(dir.join("src/sub/b.txt"), "beta")?;
    std::os::unix::fs::symlink("a.txt", dir.join("src/link"))?;
    let d = |p: &str| dir.join(p).to_string_lossy().into_owned();
    std::fs::create_dir_all(dir.join("ro"))?;
    let ro_bind = format!("{}:/ro:ro", d("ro"));
    r.ok(&["run", "-d", "--name", "box", "-v", "cpvol:/data", "-v", &ro_bind, &img, "sleep", "1000"])?;
    // Host directory into an existing container directory: lands under its name.
    r.ok(&["cp", &d("src"), "box:/tmp"])?;
    check_eq!(r.out(&["exec", "box", "cat", "/tmp/src/sub/b.txt"])?, "beta");
    check_eq!(r.out(&["exec", "box", "readlink", "/tmp/src/link"])?, "a.txt");
    check_eq!(r.out(&["exec", "box", "stat", "-c", "%u:%g", "/tmp/src/a.txt"])?, "0:0");
    // A file onto a new name; the contents of a directory with SRC/.
    r.ok(&["cp", &d("src/a.txt"), "box:/renamed.txt"])?;
    check_eq!(r.out(&["exec", "box", "cat", "/renamed.txt"])?, "alpha");
    r.ok(&["cp", &format!("{}/.", d("src")), "box:/flat"])?;
    check_eq!(r.out(&["exec", "box", "ls", "/flat"])?, "a.txt\nlink\nsub");
    // Out to the host, and a link is copied as a link unless -L.
    r.ok(&["cp", "box:/tmp/src", &d("back")])?;
    check_eq!(std::fs::read_to_string(dir.join("back/sub/b.txt"))?, "beta");
    r.ok(&["cp", "box:/tmp/src/link", &d("l1")])?;
    check!(std::fs::symlink_metadata(dir.join("l1"))?.file_type().is_symlink());
    r.ok(&["cp", "-L", "box:/tmp/src/link", &d("l2")])?;
    check_eq!(std::fs::read_to_string(dir.join("l2"))?, "alpha");
    // Tar streams through -.
    let tar = r.command(&["cp", "box:/etc/hostname", "-"]).output()?;
    check!(tar.status.success() && tar.stdout.len() >= 1024, "{}", String::from_utf8_lossy(&tar.stderr));
    let mut a = tar::Archive::new(&tar.stdout[..]);
    let names: Vec<String> = a
        .entries()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().unwrap().to_string_lossy().into_owned())
        .collect();
    check_eq!(names, vec!["hostname".to_string()]);
    let out = r.run_input(&["cp", "-", "box:/root"], &tar.stdout);
    check!(out.code == 0, "{}", out.stderr);
    check_eq!(r.out(&["exec", "box", "cat", "/root/hostname"])?, r.out(&["exec", "box", "hostname"])?);
    // A symlink inside the container cannot carry a copy out of it.
    r.ok(&["exec", "box", "ln", "-s", "/", "/escape"])?;
    r.ok(&["cp", &d("src/a.txt"), "box:/escape/tmp/esc.txt"])?;
    check_eq!(r.out(&["exec", "box", "cat", "/tmp/esc.txt"])?, "alpha");
    // Errors, and a stopped container.
    let out = r.run(&["cp", "box:/nope", &d("x")]);
    check!(out.code == 1 && out.stderr.contains("Could not find the file /nope"), "{}", out.stderr);
    let out = r.run(&["cp", &d("src"), &d("elsewhere")]);
    check!(out.code == 1 && out.stderr.contains("at least one container"), "{}", out.stderr);
    r.ok(&["stop", "-t", "0", "box"])?;
    r.ok(&["cp", &d("src/sub/b.txt"), "box:/stopped.txt"])?;
    r.ok(&["cp", "box:/renamed.txt", &d("from-stopped")])?;
    check_eq!(std::fs::read_to_string(dir.join("from-stopped"))?, "alpha");
    // A stopped container's volumes are there for cp too; read-only ones refuse.
    r.ok(&["cp", &d("src/sub/b.txt"), "box:/data/in-volume.txt"])?;
    check_eq!(r.out(&["run", "--rm", "-v", "cpvol:/v", &img, "cat", "/v/in-volume.txt"])?, "beta");
    r.ok(&["cp", "box:/data/in-volume.txt", &d("from-volume")])?;
    check_eq!(std::fs::read_to_string(dir.join("from-volume"))?, "beta");
    let out = r.run(&["cp", &d("src/a.txt"), "box:/ro/x.txt"]);
    check!(out.code == 1 && out.stderr.contains("ead-only"), "{}", out.stderr);
    check!(!dir.join("ro/x.txt").exists(), "a copy went into a read-only bind mount");
    // The stopped container's root was mounted for the copy only.
    check!(r.mounts().iter().all(|m| !m.contains("merged")), "{:?}", r.mounts());
    r.ok(&["start", "box"])?;
    check_eq!(r.out(&["exec", "box", "cat", "/stopped.txt"])?, "beta");
    drop(cleanup);
    Ok(())
}

/// Removes a temp dir when dropped.
struct DirGuard(std::path::PathBuf);

impl Drop for DirGuard {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scopeguard(dir: &Path) -> DirGuard {
    DirGuard(dir.to_path_buf())
}

/// Two stores (two --root dirs) on one host: the bridge, its addresses,
/// subnets and host ports are the host's, leased in one place for both; one
/// store's reset leaves the other's containers alone.
fn two_stores_side_by_side() -> TestResult {
    let (a, b) = (Rdock::new(), Rdock::new());
    let img = a.pull("busybox")?;
    b.pull("busybox")?;
    let port = free_port();
    let spec = format!("127.0.0.1:{port}:8080");
    a.ok(&["run", "-d", "--name", "web", "-p", &spec, &img, "sh", "-c", HTTPD])?;
    let out = b.run(&["run", "-d", "--name", "web", "-p", &spec, &img, "sleep", "100"]);
    check_eq!(out.code, 125);
    let why = out.stderr.to_lowercase();
    check!(
        why.contains("port is already allocated") || why.contains("address already in use"),
        "{}",
        out.stderr
    );
    check_eq!(b.out(&["ps", "-q"])?, "");
    let addr = format!("127.0.0.1:{port}");
    check!(serves(&addr), "{addr} does not answer");
    if rootless() {
        // Rootless stores have a network namespace each: only host ports are shared.
        return Ok(());
    }
    let ip = |r: &Rdock, name: &str| r.out(&["inspect", "-f", "{{.NetworkSettings.IPAddress}}", name]);
    let mut ips = vec![ip(&a, "web")?];
    for i in 0..3 {
        let name = format!("other{i}");
        let r = if i % 2 == 0 { &b } else { &a };
        r.ok(&["run", "-d", "--name", &name, &img, "sleep", "100"])?;
        ips.push(ip(r, &name)?);
    }
    let mut unique = ips.clone();
    unique.sort();
    unique.dedup();
    check_eq!(unique.len(), ips.len());
    // User-defined networks in each store get subnets that do not overlap.
    a.ok(&["network", "create", "neta"])?;
    b.ok(&["network", "create", "netb"])?;
    let subnet =
        |r: &Rdock, n: &str| r.out(&["network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", n]);
    let (sa, sb) = (subnet(&a, "neta")?, subnet(&b, "netb")?);
    check!(sa != sb, "both networks got {sa}");
    // b's reset takes only what is b's.
    b.ok(&["system", "reset", "-f"])?;
    check!(serves(&addr), "a's published port died with b's reset");
    a.ok(&["exec", "other1", "true"])?;
    check_eq!(a.out(&["network", "inspect", "-f", "{{.Name}}", "neta"])?, "neta");
    a.cleanup();
    Ok(())
}
