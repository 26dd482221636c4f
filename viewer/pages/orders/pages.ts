/** The order pages, loaded as one chunk when the first of them opens (App's lazy imports). */
export { IntroPage } from './IntroPage';
export { OrderFormPage } from './OrderFormPage';
export { OrderPage } from './OrderPage';
export { OrdersPage } from './OrdersPage';
export { PayPage } from './PayPage';
export { SharedVideoPage } from './SharedVideoPage';
