// The module that exercises and graders import: one `import Groundwork`
// brings the whole kernel (tensors, autograd, statistics, estimates) into
// scope, the way `import torch` does, so a learner's file never lists
// kernel modules.
@_exported import Autograd
@_exported import Estimates
@_exported import Stats
@_exported import Tensors
