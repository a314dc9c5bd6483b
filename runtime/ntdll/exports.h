/*
 * exports.h — ntdll.dll's exports, one a line, in strcmp order: the only
 * place an export is registered.  runtime/core/builtins.c makes the
 * built-in table from it at compile time; test_runtime checks the order.
 *
 * RT_FN(Name): the function w32_Name.  RT_ALIAS(Name, Fn): Name is w32_Fn.
 * RT_DATA(Name, var): a data export, the address of var.
 * RT_PARTIAL(Name, "what"): w32_Name, which fails the call (the way Windows
 * fails an unsupported request) on the arguments named; `dllshare exports
 * -v` lists them, and tests/partial/ shows each refusal.
 */
RT_FN(NtCurrentTeb)
RT_FN(RtlAddVectoredContinueHandler)
RT_FN(RtlAddVectoredExceptionHandler)
RT_FN(RtlFillMemory)
RT_FN(RtlGetVersion)
RT_FN(RtlMoveMemory)
RT_FN(RtlRemoveVectoredContinueHandler)
RT_FN(RtlRemoveVectoredExceptionHandler)
RT_FN(RtlSetUnhandledExceptionFilter)
RT_FN(RtlZeroMemory)
RT_FN(__C_specific_handler)
