// ProcessPrng, the one function of Windows' bcryptprimitives.dll that Rust's standard library
// imports (its random source since Rust 1.78). Windows 10 and later have the DLL; Wine 8, which
// the Windows suites run under, does not, so scripts/setup.sh builds this stand-in into the test
// Wine prefix only: it is never shipped. It draws from BCryptGenRandom, the system RNG that Wine
// implements.
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  // BCryptGenRandom takes a ULONG count; ProcessPrng is documented never to fail.
  while (length > 0) {
    ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
