/// <reference types="vite/client" />
import type {} from '../../preload/global'
