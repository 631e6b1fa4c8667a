import Testing

@testable import Runner

/// Reading the runtime backtracer's text, as it prints it on Linux.
@Suite("Crash backtrace")
struct CrashBacktraceTests {
  static let overflow = """
    *** Signal 4: Backtracing from 0x55d2e1945258... done ***
    *** Swift runtime failure: arithmetic overflow ***
    Thread 0 "grade" crashed:
      0 [inlined] [system] 0x000055d2e1945258 Swift runtime failure: arithmetic overflow in grade at //<compiler-generated>
      1                    0x000055d2e1945258 f(_:) + 104 in grade at /work/Exercises/a b/x.swift:6:5
      2 [ra]               0x000055d2e19453c5 main + 340 in grade at /work/.groundwork/build/k/main.swift:9:7
    ...
    Backtrace took 0.21s
    """

  @Test("the failed check, the frames, and the innermost frame in the learner's file")
  func overflow() throws {
    let backtrace = CrashBacktrace(parsing: Self.overflow)
    #expect(backtrace.runtimeFailure == "arithmetic overflow")
    #expect(backtrace.frames.map(\.function) == ["Swift runtime failure: arithmetic overflow", "f(_:)", "main"])
    let learner = try #require(backtrace.innermostFrame(in: "/work/Exercises/a b/x.swift"))
    #expect(learner.line == 6)
    #expect(backtrace.runawayRecursion == nil)
  }

  @Test("four frames of one function in a row are a runaway recursion; frames without a location are kept")
  func recursion() {
    let text = """
      *** Program crashed: Bad pointer dereference at 0x00007fff0a7b1ff8 ***
        0      0x00005600bc066e77 deep(_:) + 23 in grade at /w/x.swift:2
        1 [ra] 0x00005600bc066ead deep(_:) + 76 in grade at /w/x.swift:2:46
        2 [ra] 0x00005600bc066ead deep(_:) + 76 in grade at /w/x.swift:2:46
        3 [ra] 0x00005600bc066ead deep(_:) + 76 in grade at /w/x.swift:2:46
      """
    let backtrace = CrashBacktrace(parsing: text)
    #expect(backtrace.runtimeFailure == nil)
    #expect(backtrace.runawayRecursion == "deep(_:)")
    #expect(backtrace.frames.first?.line == 2)
    let library = CrashBacktrace(parsing: "  0      0x00007fcce90f9361 _assertionFailure(_:_:file:line:flags:) + 225 in libswiftCore.so")
    #expect(library.frames == [.init(function: "_assertionFailure(_:_:file:line:flags:)", file: nil, line: nil)])
    #expect(CrashBacktrace(parsing: "3 out of 4 checks passed").frames.isEmpty)
  }
}
