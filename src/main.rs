//! The `oneonone` command line.

fn main() {
    println!("oneonone {}", env!("CARGO_PKG_VERSION"));
}
