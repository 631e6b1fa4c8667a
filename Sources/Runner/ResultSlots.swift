import Foundation

/// Slots that concurrent workers fill by index, read once all are done.
public final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  // Safe to share: each worker writes only its own index, under the lock,
  // and `values` is read after `concurrentPerform` has returned.
  private var slots: [Value?]
  private let lock = NSLock()

  /// `count` empty slots.
  public init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  /// The value in slot `index`, if filled.
  public subscript(index: Int) -> Value? {
    get { lock.withLock { slots[index] } }
    set { lock.withLock { slots[index] = newValue } }
  }

  /// The filled slots' values, in index order.
  public var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
