import Foundation
import GRDB

/// SQLite's "database is locked" in words an operator can act on.
public enum BusyDatabase {
    /// The Russian message for an error that is another program holding the database past the 5 s wait, nil for
    /// any other error. A bulk import alone writes under an exclusive lock (see `writeInBulk`), so a command started
    /// during a long one may see this.
    public static func message(for error: any Error) -> String? {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED else { return nil }
        return "База данных занята другой программой (например, идёт загрузка анкет или чек-листов) дольше 5 секунд: команда не выполнена. "
            + "Повторите её, когда та программа закончит."
    }
}
