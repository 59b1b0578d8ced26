// Placeholder until the renderers land.
import Conformance
