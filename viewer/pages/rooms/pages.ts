/** The live rooms' pages, one chunk loaded when a room page opens (the shell stays within its size goal). */
export { LiveRoomsPage } from './LiveRoomsPage';
export { RoomPage } from './RoomPage';
