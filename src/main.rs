mod cmd;

fn main() {
    std::process::exit(cmd::main());
}
