mod cmd;

fn main() {
    // Run as newuidmap/newgidmap (see runtime::userns::map_tools_dir).
    let args: Vec<String> = std::env::args().collect();
    let name = args.first().and_then(|a| a.rsplit('/').next()).unwrap_or_default();
    if name == "newuidmap" || name == "newgidmap" {
        if let Err(e) = rdock::runtime::userns::write_map_as_tool(name, &args[1..]) {
            eprintln!("{name}: {e}");
            std::process::exit(1);
        }
        return;
    }
    // Run as a rootless port forwarder (see net::forward).
    if name == rdock::net::forward::NAME {
        std::process::exit(rdock::net::forward::main(&args[1..]));
    }
    // The container side of `cp`, chrooted (see runtime::copy).
    if args.get(1).map(String::as_str) == Some(rdock::runtime::copy::ARCHIVE_CMD) {
        std::process::exit(rdock::runtime::copy::archive_main(&args[2..]));
    }
    rdock::debug::init();
    quiet_on_closed_output();
    std::process::exit(cmd::main());
}

/// `rdock inspect X | head -1`: when the reader goes away, print! panics on
/// EPIPE. Go's docker dies of SIGPIPE there, silently; so does rdock. (The
/// signal itself stays ignored: sockets to supervisors must give EPIPE.)
fn quiet_on_closed_output() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.starts_with("failed printing to std") && text.contains("Broken pipe") {
            // SAFETY: restoring a signal's default action and raising it are
            // async-signal-safe; the process ends here as a Go program would.
            unsafe {
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                libc::raise(libc::SIGPIPE);
            }
        }
        default(info);
    }));
}
