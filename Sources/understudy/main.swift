// The understudy command line.
import HTTPWire
print("understudy: not yet")
