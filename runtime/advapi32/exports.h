/*
 * exports.h — advapi32.dll's exports, one a line, in strcmp order: the only
 * place an export is registered.  runtime/core/builtins.c makes the
 * built-in table from it at compile time; test_runtime checks the order.
 *
 * RT_FN(Name): the function w32_Name.  RT_ALIAS(Name, Fn): Name is w32_Fn.
 * RT_DATA(Name, var): a data export, the address of var.
 * RT_PARTIAL(Name, "what"): w32_Name, which fails the call (the way Windows
 * fails an unsupported request) on the arguments named; `dllshare exports
 * -v` lists them, and tests/partial/ shows each refusal.
 */
RT_PARTIAL(CryptAcquireContextA, "key containers and providers by name")
RT_PARTIAL(CryptAcquireContextW, "key containers and providers by name")
RT_FN(CryptGenRandom)
RT_FN(CryptReleaseContext)
RT_FN(GetUserNameA)
RT_FN(GetUserNameW)
RT_FN(RegCloseKey)
RT_PARTIAL(RegCreateKeyExA, "the registry (no key can be created)")
RT_PARTIAL(RegCreateKeyExW, "the registry (no key can be created)")
RT_PARTIAL(RegGetValueA, "the registry (every value reads as absent)")
RT_PARTIAL(RegOpenKeyA, "the registry (every key reads as absent)")
RT_PARTIAL(RegOpenKeyExA, "the registry (every key reads as absent)")
RT_PARTIAL(RegOpenKeyExW, "the registry (every key reads as absent)")
RT_PARTIAL(RegQueryValueExA, "the registry (every value reads as absent)")
RT_PARTIAL(RegQueryValueExW, "the registry (every value reads as absent)")
RT_FN(SystemFunction036)
