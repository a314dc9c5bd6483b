/*
 * exports.h — advapi32.dll's exports, one a line, in strcmp order: the only
 * place an export is registered.  runtime/core/builtins.c makes the
 * built-in table from it at compile time; test_runtime checks the order.
 *
 * RT_FN(Name): the function w32_Name.  RT_ALIAS(Name, Fn): Name is w32_Fn.
 * RT_DATA(Name, var): a data export, the address of var.
 */
RT_FN(CryptAcquireContextA)
RT_FN(CryptAcquireContextW)
RT_FN(CryptGenRandom)
RT_FN(CryptReleaseContext)
RT_FN(GetUserNameA)
RT_FN(GetUserNameW)
RT_FN(RegCloseKey)
RT_FN(RegCreateKeyExA)
RT_FN(RegCreateKeyExW)
RT_FN(RegGetValueA)
RT_FN(RegOpenKeyA)
RT_FN(RegOpenKeyExA)
RT_FN(RegOpenKeyExW)
RT_FN(RegQueryValueExA)
RT_FN(RegQueryValueExW)
RT_FN(SystemFunction036)
