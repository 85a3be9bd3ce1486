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
    std::process::exit(cmd::main());
}
