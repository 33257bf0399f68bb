import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import { gatewayInfoSchema, registerGatewayResultSchema, registerGatewaySchema } from '../schemas/gateway.js';

/** The relay gateway connection: where, as which terminal, with which key. */
export const gatewayMethods = defineMethods({
  'gateway.info': {
    summary: 'Gateway URL, terminal id and public key',
    input: noInput,
    result: gatewayInfoSchema,
  },
  'gateway.register': {
    summary: "Registers this till's key with a gateway; live mode from the next start",
    input: registerGatewaySchema,
    result: registerGatewayResultSchema,
  },
});
