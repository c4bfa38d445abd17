package blob

// BlockSize is blockSize for the external tests.
const BlockSize = blockSize
