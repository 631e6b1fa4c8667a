#if canImport(Darwin)
  import Darwin

  /// kqueue's vnode events for one file and its folder: the macOS way for
  /// `FileWatcher` to hear of a save without polling.
  ///
  /// Two watches, for the two ways editors save. A save in place writes the
  /// file: `NOTE_WRITE`/`NOTE_EXTEND` on the file's own descriptor. A save
  /// by rename replaces the file with a new inode, which the file's
  /// descriptor (still on the old inode) never sees: `NOTE_WRITE` on the
  /// folder, which fires when an entry in it is added, removed or renamed.
  /// After any event the file is opened again, so the file watch follows the
  /// new inode. The folder event fires for every file in it; the caller
  /// compares the watched file's metadata to keep only its own saves.
  ///
  /// The kqueue descriptor becomes readable when events are pending, so the
  /// caller's `poll(2)` loop waits on it as on inotify's.
  final class KQueueWatch {
    /// The kqueue; readable when an event is pending.
    let descriptor: Int32
    private var folderDescriptor: Int32 = -1
    private var fileDescriptor: Int32 = -1
    private var file = ""

    /// A kqueue, or nil when the process cannot create one.
    init?() {
      descriptor = kqueue()
      guard descriptor >= 0 else { return nil }
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }

    deinit {
      closeWatches()
      close(descriptor)
    }

    /// Watches `path` and its folder instead of what was watched before.
    ///
    /// - Returns: false when the folder cannot be opened (the caller falls
    ///   back to polling). A missing file is fine: the folder watch hears it
    ///   arrive.
    func watch(_ path: String, folder: String) -> Bool {
      closeWatches()
      file = path
      // O_EVTONLY: a descriptor for events only, which does not keep the
      // volume from being unmounted.
      folderDescriptor = open(folder, O_EVTONLY | O_CLOEXEC)
      guard folderDescriptor >= 0, register(folderDescriptor, events: NOTE_WRITE | NOTE_DELETE | NOTE_RENAME) else {
        closeWatches()
        return false
      }
      watchFile()
      return true
    }

    /// Reads every pending event without waiting.
    ///
    /// - Returns: whether there was any.
    func drain() -> Bool {
      var events = [kevent](repeating: kevent(), count: 16)
      var noWait = timespec(tv_sec: 0, tv_nsec: 0)
      var any = false
      while true {
        let count = kevent(descriptor, nil, 0, &events, Int32(events.count), &noWait)
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        any = true
      }
      // The file may be a new inode now (a save by rename), or gone.
      if any { watchFile() }
      return any
    }

    private func watchFile() {
      if fileDescriptor >= 0 { close(fileDescriptor) }  // closing removes its events
      fileDescriptor = open(file, O_EVTONLY | O_CLOEXEC)
      if fileDescriptor >= 0
        && !register(fileDescriptor, events: NOTE_WRITE | NOTE_EXTEND | NOTE_ATTRIB | NOTE_DELETE | NOTE_RENAME)
      {
        close(fileDescriptor)
        fileDescriptor = -1
      }
    }

    private func register(_ watched: Int32, events: Int32) -> Bool {
      var change = kevent(
        ident: UInt(watched), filter: Int16(EVFILT_VNODE), flags: UInt16(EV_ADD | EV_ENABLE | EV_CLEAR),
        fflags: UInt32(events), data: 0, udata: nil)
      return kevent(descriptor, &change, 1, nil, 0, nil) == 0
    }

    private func closeWatches() {
      if fileDescriptor >= 0 { close(fileDescriptor) }
      if folderDescriptor >= 0 { close(folderDescriptor) }
      fileDescriptor = -1
      folderDescriptor = -1
    }
  }
#endif
