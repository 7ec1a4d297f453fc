"""`make bench`: every benchmark, each printing figures measured in one run (ratios, not
absolute claims: these machines are shared and noisy)."""

import importlib
import sys

BENCHES = ["bench_check", "bench_recipients", "bench_render", "bench_send", "bench_ui"]


def main() -> int:
    wanted = sys.argv[1:] or BENCHES
    for name in wanted:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"tests.bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
