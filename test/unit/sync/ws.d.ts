// `ws` ships no types (the server depends on it; @types/ws is not installed): the tests use
// its WebSocket only as the providers' WebSocketPolyfill and for raw protocol messages.
declare module 'ws';
