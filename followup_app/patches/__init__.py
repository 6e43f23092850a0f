"""Data patches run by `bench migrate` (listed in patches.txt), each once per site."""
