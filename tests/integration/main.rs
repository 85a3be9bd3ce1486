//! rdock's integration suite: the real binary against real namespaces, overlayfs,
//! cgroups and a real registry (Debian's `docker-registry`) on 127.0.0.1.
//!
//! One registry serves every test; each test has its own `--root`, so tests run
//! in parallel. `cargo test --test integration -- NAME` runs a subset.

mod support;

mod api_shapes;
mod bad_registry;
mod build;
mod cli;
mod damage;
mod escape;
mod exec_attach;
mod image_cmds;
mod images;
mod lifecycle;
mod networks;
mod policies;
mod rootless;
mod security;
mod templates;
mod volumes;

use libtest_mimic::{Arguments, Trial};

pub type Test = (&'static str, fn() -> support::TestResult);

fn main() {
    let args = Arguments::from_args();
    let mut tests: Vec<Test> = Vec::new();
    tests.extend(images::TESTS);
    tests.extend(image_cmds::TESTS);
    tests.extend(lifecycle::TESTS);
    tests.extend(exec_attach::TESTS);
    tests.extend(security::TESTS);
    tests.extend(cli::TESTS);
    tests.extend(rootless::TESTS);
    tests.extend(volumes::TESTS);
    tests.extend(networks::TESTS);
    tests.extend(escape::TESTS);
    tests.extend(damage::TESTS);
    tests.extend(bad_registry::TESTS);
    tests.extend(build::TESTS);
    tests.extend(templates::TESTS);
    tests.extend(api_shapes::TESTS);
    tests.extend(policies::TESTS);

    let listing = args.list;
    let mut registry = None;
    if !listing {
        let mode = if support::rootless() { "rootless" } else { "root" };
        eprintln!("integration suite: {mode} pass, rdock at {}", support::bin().display());
        let reg = support::Registry::start();
        let digests = reg.push(&[]);
        support::set_registry(&reg, digests);
        registry = Some(reg);
    }
    let trials = tests.into_iter().map(|(name, f)| Trial::test(name, f)).collect();
    let conclusion = libtest_mimic::run(&args, trials);
    if let Some(mut reg) = registry {
        reg.stop();
    }
    conclusion.exit();
}
