"""Speed and memory benchmarks of the strategy bible; see benchmarks/README.md."""
