"""Benchmarks: `python -m bench` (bench.harness), `python -m bench.adaptive`, bench.compare_verdicts,
`python -m bench.order_by_cost`; their outputs in bench/results/."""
