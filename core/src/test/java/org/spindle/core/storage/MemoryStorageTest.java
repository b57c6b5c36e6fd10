package org.spindle.core.storage;

class MemoryStorageTest extends StorageContract {
    @Override
    protected Storage create() {
        return new MemoryStorage();
    }
}
