// The module that exercises and graders import: one `import Groundwork`
// brings the whole kernel (tensors, statistics) into scope, the way
// `import torch` does, so a learner's file never lists kernel modules.
@_exported import Estimates
@_exported import Stats
@_exported import Tensors
