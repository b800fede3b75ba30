// Preloaded (`node -r`) into the `neon` CLI's Windows processes only. Under Wine 8, enabling TCP
// keep-alive on a socket before it has connected fails, and the connect with it ("connect
// UNKNOWN"); undici (Node's fetch, which the CLI uses) does exactly that, Windows itself does not
// fail. So a keep-alive asked for before the connection is applied once it is connected.
'use strict';
const net = require('node:net');

const setKeepAlive = net.Socket.prototype.setKeepAlive;
net.Socket.prototype.setKeepAlive = function (enable, initialDelay) {
  if (this.connecting) {
    this.once('connect', () => setKeepAlive.call(this, enable, initialDelay));
    return this;
  }
  return setKeepAlive.call(this, enable, initialDelay);
};
