// HDF5's type and property-list identifiers are macros that expand to calls and globals
// (`H5T_NATIVE_FLOAT` is `(H5open(), H5T_NATIVE_FLOAT_g)`), which Swift cannot import. Each one the
// store uses is wrapped here in a static inline function; every wrapper goes through H5open() first,
// so the library is initialised before any identifier is read.
#ifndef NASH_CHDF5_SHIM_H
#define NASH_CHDF5_SHIM_H

#include <hdf5.h>
#include <hdf5_hl.h>

static inline hid_t nash_H5T_NATIVE_FLOAT(void)  { H5open(); return H5T_NATIVE_FLOAT; }
static inline hid_t nash_H5T_NATIVE_DOUBLE(void) { H5open(); return H5T_NATIVE_DOUBLE; }
static inline hid_t nash_H5T_NATIVE_INT64(void)  { H5open(); return H5T_NATIVE_INT64; }
static inline hid_t nash_H5T_NATIVE_UINT8(void)  { H5open(); return H5T_NATIVE_UINT8; }
static inline hid_t nash_H5T_C_S1(void)          { H5open(); return H5T_C_S1; }
static inline size_t nash_H5T_VARIABLE(void)     { return H5T_VARIABLE; }

static inline hid_t nash_H5P_DEFAULT(void)        { return H5P_DEFAULT; }
static inline hid_t nash_H5P_FILE_ACCESS(void)    { H5open(); return H5P_FILE_ACCESS; }
static inline hid_t nash_H5P_FILE_CREATE(void)    { H5open(); return H5P_FILE_CREATE; }
static inline hid_t nash_H5P_DATASET_CREATE(void) { H5open(); return H5P_DATASET_CREATE; }
static inline hid_t nash_H5P_LINK_CREATE(void)    { H5open(); return H5P_LINK_CREATE; }
static inline hid_t nash_H5P_DATASET_XFER(void)   { H5open(); return H5P_DATASET_XFER; }

static inline hid_t nash_H5S_ALL(void)            { return H5S_ALL; }
static inline hsize_t nash_H5S_UNLIMITED(void)    { return H5S_UNLIMITED; }

static inline unsigned nash_H5F_ACC_RDONLY(void)  { return H5F_ACC_RDONLY; }
static inline unsigned nash_H5F_ACC_RDWR(void)    { return H5F_ACC_RDWR; }
static inline unsigned nash_H5F_ACC_TRUNC(void)   { return H5F_ACC_TRUNC; }
static inline unsigned nash_H5F_ACC_EXCL(void)    { return H5F_ACC_EXCL; }
static inline unsigned nash_H5F_ACC_SWMR_WRITE(void) { return H5F_ACC_SWMR_WRITE; }
static inline unsigned nash_H5F_ACC_SWMR_READ(void)  { return H5F_ACC_SWMR_READ; }

static inline hid_t nash_H5E_DEFAULT(void)        { return H5E_DEFAULT; }

// NB: in a thread-safe libhdf5 build (Debian's "serial" package is one: H5_HAVE_THREADSAFE) the error
// stack, and with it the automatic error printing, is per thread. NashStore calls this on entry to
// every locked region so that no thread ever prints HDF5's error stack to stderr; the flag makes it
// one H5Eset_auto2 call per thread.
static inline void nash_H5E_silence_this_thread(void) {
    static __thread int silenced = 0;
    if (!silenced) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); silenced = 1; }
}

#endif
