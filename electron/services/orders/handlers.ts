import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { OrdersService } from './orders-service';

/** The orders noun: the studio account's custom-video service and the requests it receives. */
export function ordersHandlers(service: OrdersService): Pick<HandlersOf<StudioContract>, 'orders'> {
  return {
    orders: {
      customization: () => service.customization(),
      save: (input) => service.save(input),
      publish: () => service.publish(),
      setReceiving: ({ receiving }) => service.setReceiving(receiving),
      exit: ({ confirmOpenOrders }) => service.exit(confirmOpenOrders),
      list: ({ state, cursor }) => service.list({ ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) }),
      get: ({ orderId }) => service.get(orderId),
      accept: ({ orderId }) => service.accept(orderId),
      refuse: ({ orderId, reason }) => service.refuse(orderId, reason),
      summary: () => service.summary(),
      send: ({ orderId, draftId }) => service.send(orderId, draftId),
      delivery: ({ orderId }) => service.delivery(orderId),
    },
  };
}
